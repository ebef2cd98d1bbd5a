"""Reading the files: encoding, header and shape. What the values mean is checked in checks/."""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

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
    for spec in FILES:
        rows = _read_file(directory / spec.filename, spec, files, progress)
        if rows is None:
            files.unreadable.add(spec.entity)
        files.rows[spec.entity] = rows or []
    return files


def _read_file(path: Path, spec: FileSpec, files: Files, progress: Progress) -> list[Row] | None:
    name = spec.filename
    if not path.is_file():
        files.problems.append(Problem(name, 0, "", _("Filen mangler i mappen.")))
        return None
    raw = path.read_bytes()
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
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=DELIMITER)
    header = next(reader, None)
    if header is None:
        files.problems.append(Problem(name, 1, "", _("Filen er tom; overskriftsraden mangler.")))
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
    for values in reader:
        line = reader.line_num
        progress.step()
        if not any(value.strip() for value in values):
            continue  # blank lines, such as the one a spreadsheet leaves at the end
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
        rows.append(Row(name, line, dict(zip(header, (v.strip() for v in values), strict=True))))
    progress.done()
    return rows
