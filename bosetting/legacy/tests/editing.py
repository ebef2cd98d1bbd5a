"""Copies of the example set with single cells changed, and the problems the checks find in them."""

from __future__ import annotations

import datetime
import shutil
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone

from bosetting.legacy.checks import check_all
from bosetting.legacy.checks.context import Context
from bosetting.legacy.progress import Progress
from bosetting.legacy.reading import Problem, read_directory
from bosetting.legacy.samples import EXAMPLE_DIR, read_rows, write_file

# Stand-ins for dates relative to the day the test runs, so a test does not age.
TOMORROW = "<tomorrow>"


def _resolve(value: str) -> str:
    if value == TOMORROW:
        return (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    return value


# organisasjoner.csv has no gammel_id: its rows are found by the organisation they name.
KEY_COLUMNS = {"organisasjoner": "organisasjon"}


@dataclass(frozen=True)
class Edit:
    entity: str  # the file's name without ".csv"
    legacy_id: str  # the row's gammel_id (organisasjoner.csv: its organisasjon)
    column: str
    value: str


def example_copy(tmp_path: Path, *edits: Edit, name: str = "kopi") -> Path:
    directory = tmp_path / name
    shutil.copytree(EXAMPLE_DIR, directory)
    for entity in {edit.entity for edit in edits}:
        rows = read_rows(directory, entity)
        key = KEY_COLUMNS.get(entity, "gammel_id")
        by_id = {row[key]: row for row in rows}
        for edit in edits:
            if edit.entity == entity:
                by_id[edit.legacy_id][edit.column] = _resolve(edit.value)
        write_file(directory, entity, rows)
    return directory


def line_of(entity: str, legacy_id: str) -> int:
    """The line of a row of the example set in its file (the header is line 1)."""
    key = KEY_COLUMNS.get(entity, "gammel_id")
    ids = [row[key] for row in read_rows(EXAMPLE_DIR, entity)]
    return ids.index(legacy_id) + 2


def problems_in(directory: Path) -> list[Problem]:
    files = read_directory(directory, progress=Progress(None))
    _data, problems = check_all(files, Context.load())
    return problems


def assert_refused(
    problems: list[Problem], *, file: str, line: int, field: str, message: str
) -> None:
    found = [
        p
        for p in problems
        if (p.file, p.line, p.field) == (file, line, field) and message in p.message
    ]
    assert found, f"expected {file}:{line} [{field}] {message}; got:\n" + "\n".join(
        str(p) for p in problems
    )
