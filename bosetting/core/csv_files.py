"""CSV for Excel in Norway, the conventions every export shares (reports, the audit log).

UTF-8 with a byte order mark (so æøå survive), `;` between cells, and text cells that start like a
formula neutralised (CSV injection).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable

# Excel reads a file with a byte order mark as UTF-8 (æ, ø, å), and `;` as the separator in Norway.
BOM = "\ufeff"
DELIMITER = ";"

# A cell that starts like a formula would be run by the spreadsheet (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> str:
    """A text cell that a spreadsheet will show as text, never run as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


class _Echo:
    """A file-like object that hands back what csv.writer writes, instead of storing it."""

    def write(self, value: str) -> str:
        return value


class LineWriter:
    """Turns one row into one CSV line (a string), for streaming responses."""

    def __init__(self) -> None:
        self._writer = csv.writer(_Echo(), delimiter=DELIMITER)

    def line(self, cells: Iterable[object]) -> str:
        return str(self._writer.writerow(cells))
