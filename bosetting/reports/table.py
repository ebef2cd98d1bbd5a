"""What every report is, whatever it is exported to: a title, a period, columns and rows.

A report is built once from the database and then shown on the page, written to XLSX, CSV and
PDF from the same object, so that an export always holds exactly what the page shows.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from html import escape
from typing import Any

from django.utils import timezone
from django.utils.safestring import SafeString

Cell = str | int | float | Decimal | datetime.date | None


class Kind(StrEnum):
    """How a column's values are formatted and how a spreadsheet stores them."""

    TEXT = "text"
    INTEGER = "integer"
    PERCENT = "percent"  # a share between 0 and 1; shown as "87,5 %"
    DATE = "date"


_NUMERIC = frozenset({Kind.INTEGER, Kind.PERCENT})


@dataclass(frozen=True)
class Column:
    header: str
    kind: Kind = Kind.TEXT

    @property
    def is_numeric(self) -> bool:
        return self.kind in _NUMERIC


@dataclass(frozen=True)
class Chart:
    """A chart as SVG markup with its text alternative; the report's table is its data table."""

    svg: SafeString
    title: str
    description: str
    # The same chart as PNG at print resolution, drawn when a PDF asks for it (reports.charts).
    print_png: Callable[[], bytes] | None = None


@dataclass(frozen=True)
class Report:
    title: str
    subtitle: str  # the period and filters, e.g. "2026, Vestland"
    columns: Sequence[Column]
    rows: Sequence[Sequence[Cell]]
    totals: Sequence[Sequence[Cell]] = ()  # shown after the rows, in bold
    chart: Chart | None = None
    # A map of the municipalities (bosetting.core.maps) beside the table, and in the PDF.
    map: Chart | None = None
    # On the page only: a link per row for its first cell (e.g. from a county to its municipalities).
    row_links: Sequence[str | None] = ()
    # The start of the download's file name; the toolkit makes it safe (no æøå, no spaces).
    filename: str = ""
    generated_at: datetime.datetime = field(default_factory=timezone.now)

    def __post_init__(self) -> None:
        for row in (*self.rows, *self.totals):
            if len(row) != len(self.columns):
                raise ValueError(f"A row has {len(row)} cells for {len(self.columns)} columns.")

    @property
    def generated_at_text(self) -> str:
        """The generation time as users read it: Oslo time, dd.mm.åååå HH:MM."""
        return timezone.localtime(self.generated_at).strftime("%d.%m.%Y %H:%M")

    def file_name(self, extension: str) -> str:
        return f"{safe_filename(self.filename or self.title)}.{extension}"

    def display_rows(self) -> list[tuple[str | None, list[tuple[Column, str]]]]:
        """Each row's link (or None) and its cells as the page shows them."""
        links = list(self.row_links) or [None] * len(self.rows)
        return [
            (link, _display(self.columns, row)) for link, row in zip(links, self.rows, strict=True)
        ]

    def display_totals(self) -> list[list[tuple[Column, str]]]:
        return [_display(self.columns, row) for row in self.totals]

    def body_html(self) -> SafeString:
        """The table's <tr>s, written here rather than by template loops: a report of 1,437
        rows has 11,000 cells, and the template spent a second on them. Each cell is formatted
        and escaped in one pass (Django's `conditional_escape` per cell was a third of the
        specialised report's time)."""
        links = list(self.row_links) or [None] * len(self.rows)
        return SafeString(
            "".join(
                _row_html(self.columns, row, link=link, row_class="")
                for link, row in zip(links, self.rows, strict=True)
            )
        )

    def totals_html(self) -> SafeString:
        return SafeString(
            "".join(
                _row_html(self.columns, row, link=None, row_class="report-total")
                for row in self.totals
            )
        )


def _row_html(
    columns: Sequence[Column], row: Sequence[Cell], *, link: str | None, row_class: str
) -> str:
    heading = escape(format_cell(columns[0].kind, row[0]))
    if link:
        heading = f'<a class="ds-link" href="{escape(link)}">{heading}</a>'
    data = "".join(
        f'<td class="number">{escape(format_cell(column.kind, value))}</td>'
        if column.kind in _NUMERIC
        else f"<td>{escape(format_cell(column.kind, value))}</td>"
        for column, value in zip(columns[1:], row[1:], strict=True)
    )
    opening = f'<tr class="{row_class}">' if row_class else "<tr>"
    return f'{opening}<th scope="row">{heading}</th>{data}</tr>'


def _display(columns: Sequence[Column], row: Sequence[Cell]) -> list[tuple[Column, str]]:
    return [
        (column, format_cell(column.kind, value))
        for column, value in zip(columns, row, strict=True)
    ]


_TRANSLITERATION = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


def safe_filename(text: str) -> str:
    """A file name any system accepts: ASCII letters, digits and hyphens, æøå spelled out."""
    ascii_text = text.translate(_TRANSLITERATION).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()
    return slug[:100] or "rapport"


def format_integer(value: int | float | Decimal) -> str:
    # Norwegian groups thousands with a space; a no-break space keeps the number on one line.
    text = f"{int(value):,}".replace(",", "\N{NO-BREAK SPACE}")
    return text.replace("-", "\N{MINUS SIGN}")


def format_percent(value: int | float | Decimal) -> str:
    text = f"{float(value) * 100:.1f}".replace(".", ",")
    return f"{text}\N{NO-BREAK SPACE}%"


def format_cell(kind: Kind, value: Any) -> str:
    """A cell as the page and the PDF show it; an empty cell is an empty string."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value  # a suppressed count ("<5") or a label
    if kind == Kind.INTEGER:
        return format_integer(value)
    if kind == Kind.PERCENT:
        return format_percent(value)
    if kind == Kind.DATE:
        return _date_text(value)
    return str(value)


@functools.lru_cache(maxsize=8192)
def _date_text(value: datetime.date) -> str:
    # Thousands of date cells in a long report share far fewer dates; strftime was 10 % of it.
    return value.strftime("%d.%m.%Y")
