"""Reading the files: encoding, header and shape. What the values mean is checked in checks/."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from .characters import cell_problem, printable
from .format import FILES, FileSpec
from .progress import Progress

DELIMITER = ";"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, where the operator finds it: file, line, column."""

    file: str
    line: int  # 1 is the header; 0 is the file as a whole
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where} [{self.field}] {self.message}" if self.field else f"{where} {self.message}"


@dataclass(frozen=True)
class Row:
    file: str
    line: int
    values: dict[str, str]
    # Columns refused as they were read (a control character, too long): their value is empty,
    # and the checks say nothing more about them, so each cell has one problem, not three.
    refused: frozenset[str] = field(default=frozenset())


@dataclass
class Files:
    rows: dict[str, list[Row]]  # by entity
    sha256: dict[str, str]  # by file name: what the audit event records
    problems: list[Problem]
    # Files that could not be read at all: references into them cannot be checked, and saying
    # that every one is missing would bury the one problem that matters.
    unreadable: set[str]


def read_directory(directory: Path, *, progress: Progress) -> Files:
    files = Files(rows={}, sha256={}, problems=[], unreadable=set())
    if directory.is_symlink():
        # The export is checked where it lies; a link could point anywhere between two runs.
        files.problems.append(
            Problem(
                printable(directory.name),
                0,
                "",
                _("Mappen er en symbolsk lenke. Oppgi mappen der filene ligger."),
            )
        )
        files.unreadable.update(spec.entity for spec in FILES)
        files.rows = {spec.entity: [] for spec in FILES}
        return files
    expected = {spec.filename for spec in FILES}
    for entry in sorted(os.listdir(directory)):
        if entry not in expected:
            files.problems.append(
                Problem(
                    printable(entry),
                    0,
                    "",
                    _(
                        "Ukjent fil i mappen. Mappen kan bare ha filene som er beskrevet i "
                        "docs/import-format.md; flytt eller slett denne."
                    ),
                )
            )
    for spec in FILES:
        rows = _read_file(directory / spec.filename, spec, files, progress)
        if rows is None:
            files.unreadable.add(spec.entity)
        files.rows[spec.entity] = rows or []
    return files


def _read_bytes(path: Path, name: str, files: Files) -> bytes | None:
    """The file's bytes, if it is a regular file in the directory itself (not a link to one)."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        files.problems.append(Problem(name, 0, "", _("Filen mangler i mappen.")))
        return None
    if stat.S_ISLNK(mode):
        files.problems.append(
            Problem(
                name,
                0,
                "",
                _("Filen er en symbolsk lenke. Legg selve filen i mappen."),
            )
        )
        return None
    if not stat.S_ISREG(mode):
        files.problems.append(Problem(name, 0, "", _("Dette er ikke en vanlig fil.")))
        return None
    # O_NOFOLLOW: a file replaced by a link after the look above is refused all the same.
    descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    with os.fdopen(descriptor, "rb") as handle:
        return handle.read()


@contextmanager
def _field_size_limit(limit: int) -> Iterator[None]:
    """Let the csv module read a cell of any length, so that the cell limit (characters.py) can
    refuse it on its line and column; the csv module's own limit only raises."""
    previous = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _read_file(path: Path, spec: FileSpec, files: Files, progress: Progress) -> list[Row] | None:
    name = spec.filename
    raw = _read_bytes(path, name, files)
    if raw is None:
        return None
    files.sha256[name] = hashlib.sha256(raw).hexdigest()
    try:
        text = raw.decode("utf-8-sig")  # a byte order mark is allowed and dropped
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        files.problems.append(
            Problem(
                name,
                line,
                "",
                _(
                    "Filen er ikke UTF-8 (ugyldig tegn i byte %(byte)s). Lagre filen som UTF-8 "
                    "og prøv igjen."
                )
                % {"byte": error.start + 1},
            )
        )
        return None
    with _field_size_limit(max(len(text), 1)):
        return _read_rows(text, spec, files, progress)


def _read_rows(text: str, spec: FileSpec, files: Files, progress: Progress) -> list[Row] | None:
    name = spec.filename
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=DELIMITER)
    header = next(reader, None)
    if header is None:
        files.problems.append(Problem(name, 1, "", _("Filen er tom; overskriftsraden mangler.")))
        return None
    for column in header:
        header_problem = cell_problem(column, multi_line=False)
        if header_problem is not None:
            files.problems.append(Problem(name, 1, printable(column.strip()), header_problem))
            return None
    header = [column.strip() for column in header]
    header_ok = True
    for column in spec.required:
        if column not in header:
            header_ok = False
            files.problems.append(Problem(name, 1, column, _("Kolonnen mangler.")))
    for column in header:
        if column not in spec.required:
            header_ok = False
            files.problems.append(Problem(name, 1, column, _("Ukjent kolonne.")))
    if len(set(header)) != len(header):
        header_ok = False
        files.problems.append(Problem(name, 1, "", _("En kolonne står to ganger.")))
    if not header_ok:
        return None
    rows: list[Row] = []
    total = text.count("\n")
    progress.start(_("Leser %(file)s") % {"file": name}, total)
    for values in _records(reader, name, files):
        line = reader.line_num
        progress.step()
        # Blank lines, such as the one a spreadsheet leaves at the end. Only spaces and tabs
        # count as blank: str.strip() would also take the control characters refused below.
        if not any(value.strip(" \t") for value in values):
            continue
        if len(values) != len(header):
            files.problems.append(
                Problem(
                    name,
                    line,
                    "",
                    _("Raden har %(found)s felt, men overskriften har %(expected)s.")
                    % {"found": len(values), "expected": len(header)},
                )
            )
            continue
        row = dict(zip(header, values, strict=True))
        refused: set[str] = set()
        for column, value in row.items():
            problem = cell_problem(value, multi_line=column in spec.multi_line)
            if problem is None:
                row[column] = value.strip()
            else:
                files.problems.append(Problem(name, line, column, problem))
                refused.add(column)
                row[column] = ""
        rows.append(Row(name, line, row, frozenset(refused)))
    progress.done()
    return rows


def _records(reader: Any, name: str, files: Files) -> Iterator[list[str]]:
    """The csv reader's records; a record it cannot parse ends the file with a problem there."""
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            files.problems.append(
                Problem(
                    name,
                    reader.line_num,
                    "",
                    _("Linjen kan ikke leses som CSV (%(error)s); resten av filen er ikke lest.")
                    % {"error": error},
                )
            )
            return
        yield values
