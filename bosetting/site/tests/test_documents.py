"""The README and the documents under docs/ name only files and folders that exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
PATH = re.compile(r"(?<![/\w.-])(?:bosetting|docs|scripts)/[A-Za-z0-9_./-]*[A-Za-z0-9_]")


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: str(path.relative_to(ROOT)))
def test_document_names_only_files_that_exist(document):
    missing = sorted(
        {name for name in PATH.findall(document.read_text("utf-8")) if not (ROOT / name).exists()}
    )
    assert missing == []


def test_every_adr_has_a_date_and_a_status():
    for adr in sorted((ROOT / "docs" / "adr").glob("*.md")):
        head = adr.read_text("utf-8").splitlines()[:5]
        assert any(re.match(r"Date: \d{4}-\d{2}-\d{2}", line) for line in head), adr.name
        assert any(line.startswith("Status: ") for line in head), adr.name
