"""The production-like run (scripts/prod-like) for the cross-process tests, marked `prodlike`.

The session starts everything on a fresh database with the demo data and stops it afterwards;
`PROD_LIKE_REUSE=1` uses a run that is already up (for working on the tests).
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bosetting.demo.visitor import ROOT

SCRIPT = str(ROOT / "scripts" / "prod-like")
HERE = Path(__file__).parent


def prod_like(*args: str, timeout: int = 900) -> str:
    result = subprocess.run(
        [SCRIPT, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # A conftest's collection hook sees every item of the session, not only this folder's.
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.prodlike)


@pytest.fixture(scope="session")
def running() -> Iterator[None]:
    reuse = os.environ.get("PROD_LIKE_REUSE") == "1"
    if not reuse:
        prod_like("start", "fresh-demo")
    try:
        yield
    finally:
        if not reuse:
            prod_like("stop")


@pytest.fixture(scope="session")
def users(running: None) -> dict[str, list[dict[str, Any]]]:
    """Users with known passwords and TOTP secrets: 30 of IMDi's caseworkers, 3 of Bergen's."""
    return {
        kind: json.loads(prod_like("demo", "load_users", "--kind", kind, "--count", str(count)))
        for kind, count in (("imdi", 30), ("bergen", 3))
    }
