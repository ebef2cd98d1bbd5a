"""What `make run` starts the demo with, read from `make -n` (nothing is run)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
# The variables the Makefile reads from the environment: the defaults are what is tested.
MAKE_VARIABLES = {"DEBUG", "HOST", "PORT", "SITE_URL", "ALLOWED_HOSTS", "MAKEFLAGS"}


def _commands(*variables: str) -> str:
    make = shutil.which("make")
    if make is None:
        pytest.fail("make is missing")
    result = subprocess.run(
        [make, "-n", "-C", str(ROOT), "run", *variables],
        capture_output=True,
        text=True,
        check=True,
        env={name: value for name, value in os.environ.items() if name not in MAKE_VARIABLES},
    )
    return result.stdout


def _line_running(commands: str, command: str) -> str:
    return next(line for line in commands.splitlines() if command in line)


def test_the_demo_runs_with_debug_off_so_its_error_pages_are_norwegian() -> None:
    server = _line_running(_commands(), "runserver")
    assert "DEBUG=0" in server


def test_debug_pages_are_one_variable_away() -> None:
    assert "DEBUG=1" in _line_running(_commands("DEBUG=1"), "runserver")


def test_every_step_of_the_demo_gets_the_address_it_is_served_at() -> None:
    commands = _commands("PORT=8101")
    assert "runserver 127.0.0.1:8101" in _line_running(commands, "runserver")
    for step in ("seed_demo", "demo_logins", "db_worker", "runserver"):
        assert "SITE_URL=http://127.0.0.1:8101" in _line_running(commands, step), step


def test_a_site_url_given_is_kept() -> None:
    commands = _commands("PORT=8101", "SITE_URL=https://demo.example")
    assert "SITE_URL=https://demo.example" in _line_running(commands, "db_worker")
