"""A report to CSV, XLSX and PDF, and the download responses for them.

- CSV for Excel in Norway, by the conventions of bosetting/core/csv_files.py.
- XLSX: real numbers with number formats, bold header and totals, document properties.
- PDF/A: landscape A4, the table's header repeated on every page, the chart embedded as SVG.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator, Sequence
from typing import Any

import xlsxwriter
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from bosetting.core.csv_files import BOM, LineWriter, neutralise
from bosetting.core.pdf import render_pdf, svg_image_src

from .table import Cell, Column, Kind, Report

FORMATS = ("xlsx", "csv", "pdf")
_CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "pdf": "application/pdf",
}


# --- CSV -----------------------------------------------------------------------------------------


def csv_lines(report: Report) -> Iterator[str]:
    """The header, the rows and the totals as CSV lines; the first line starts with the BOM."""
    writer = LineWriter()
    yield BOM + writer.line([neutralise(column.header) for column in report.columns])
    for row in (*report.rows, *report.totals):
        yield writer.line(_csv_row(report.columns, row))


def _csv_row(columns: Sequence[Column], row: Sequence[Cell]) -> list[str]:
    return [_csv_cell(column.kind, value) for column, value in zip(columns, row, strict=True)]


def _csv_cell(kind: Kind, value: Cell) -> str:
    if value is None:
        return ""
    # Numbers are written as numbers: a negative difference must stay "-3", not become text.
    if kind == Kind.INTEGER and not isinstance(value, str):
        return str(int(value))  # type: ignore[arg-type]
    if kind == Kind.PERCENT and not isinstance(value, str):
        return f"{float(value) * 100:.1f}".replace(".", ",") + " %"  # type: ignore[arg-type]
    if kind == Kind.DATE and not isinstance(value, str):
        return value.strftime("%d.%m.%Y")  # type: ignore[union-attr]
    return neutralise(value)


def csv_bytes(report: Report) -> bytes:
    return "".join(csv_lines(report)).encode("utf-8")


# --- XLSX ----------------------------------------------------------------------------------------

_SHEET_NAME_FORBIDDEN = str.maketrans({character: " " for character in "[]:*?/\\"})
_NUMBER_FORMATS = {Kind.INTEGER: "#,##0", Kind.PERCENT: "0.0%", Kind.DATE: "dd.mm.yyyy"}


def sheet_name(title: str) -> str:
    """Excel allows at most 31 characters and none of []:*?/\\ in a sheet name."""
    name = title.translate(_SHEET_NAME_FORBIDDEN).strip().strip("'")
    return name[:31].strip() or "Rapport"


def xlsx_bytes(report: Report) -> bytes:
    """The report as a workbook: title and period above, then the header, rows and totals."""
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True, "remove_timezone": True})
    workbook.set_properties(
        {
            "title": report.title,
            "subject": report.subtitle,
            "author": "IMDi – Bosetting",
            "company": "IMDi",
            "comments": _("Laget %(time)s") % {"time": report.generated_at_text},
            "created": report.generated_at.replace(tzinfo=None),
        }
    )
    sheet = workbook.add_worksheet(sheet_name(report.title))
    formats = _XlsxFormats(workbook)
    sheet.write_string(0, 0, report.title, formats.title)
    sheet.write_string(1, 0, report.subtitle)
    sheet.write_string(2, 0, _("Laget %(time)s") % {"time": report.generated_at_text})
    header_row = 4
    for index, column in enumerate(report.columns):
        sheet.write_string(header_row, index, column.header, formats.header[column.is_numeric])
    row_number = header_row + 1
    for row in report.rows:
        _write_xlsx_row(sheet, row_number, report.columns, row, formats, bold=False)
        row_number += 1
    for row in report.totals:
        _write_xlsx_row(sheet, row_number, report.columns, row, formats, bold=True)
        row_number += 1
    for index, width in enumerate(_column_widths(report)):
        sheet.set_column(index, index, width)
    sheet.freeze_panes(header_row + 1, 1)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.repeat_rows(header_row)
    sheet.fit_to_pages(1, 0)
    workbook.close()
    return output.getvalue()


class _XlsxFormats:
    def __init__(self, workbook: Any) -> None:
        self.title = workbook.add_format({"bold": True, "font_size": 14})
        self.header = {
            False: workbook.add_format({"bold": True, "bottom": 1, "text_wrap": True}),
            True: workbook.add_format(
                {"bold": True, "bottom": 1, "text_wrap": True, "align": "right"}
            ),
        }
        self.cell = {
            (kind, bold): workbook.add_format(
                {"num_format": _NUMBER_FORMATS[kind], "bold": bold, "top": 1 if bold else 0}
                if kind in _NUMBER_FORMATS
                else {"bold": bold, "top": 1 if bold else 0}
            )
            for kind in Kind
            for bold in (False, True)
        }


def _write_xlsx_row(
    sheet: Any,
    row_number: int,
    columns: Sequence[Column],
    row: Sequence[Cell],
    formats: _XlsxFormats,
    *,
    bold: bool,
) -> None:
    for index, (column, value) in enumerate(zip(columns, row, strict=True)):
        cell_format = formats.cell[(column.kind, bold)]
        if value is None or value == "":
            sheet.write_blank(row_number, index, None, cell_format)
        elif column.kind in (Kind.INTEGER, Kind.PERCENT) and not isinstance(value, str):
            sheet.write_number(row_number, index, float(value), cell_format)  # type: ignore[arg-type]
        elif column.kind == Kind.DATE and not isinstance(value, str):
            sheet.write_datetime(row_number, index, value, cell_format)
        else:
            # write_string, never write: a text that starts with "=" must stay text.
            sheet.write_string(row_number, index, str(value), cell_format)


def _column_widths(report: Report) -> list[int]:
    widths = []
    for index, column in enumerate(report.columns):
        longest = max(
            [len(word) for word in column.header.split()]
            + [len(str(row[index] or "")) + 2 for row in (*report.rows, *report.totals)],
            default=8,
        )
        widths.append(min(max(longest + 2, 10), 50))
    return widths


# --- PDF -----------------------------------------------------------------------------------------


def pdf_bytes(report: Report, *, template_name: str = "reports/pdf/report.html") -> bytes:
    """The report as PDF/A-3b: landscape A4, header row repeated, the chart as a PNG at print
    resolution (WeasyPrint tiled the SVG's hatched bars path by path: seconds per chart)."""
    chart_src = None
    if report.chart is not None and report.chart.print_png is not None:
        encoded = base64.b64encode(report.chart.print_png()).decode("ascii")
        chart_src = f"data:image/png;base64,{encoded}"
    # The map is vectors (one path per municipality, no hatched bars), which WeasyPrint draws as
    # they are.
    map_src = svg_image_src(report.map.svg) if report.map is not None else None
    return render_pdf(template_name, {"report": report, "chart_src": chart_src, "map_src": map_src})


# --- Responses -----------------------------------------------------------------------------------


def export_response(report: Report, file_format: str) -> HttpResponse | StreamingHttpResponse:
    """The report as a download in `file_format` ("xlsx", "csv" or "pdf")."""
    response: HttpResponse | StreamingHttpResponse
    if file_format == "csv":
        response = StreamingHttpResponse(csv_lines(report), content_type=_CONTENT_TYPES["csv"])
    elif file_format == "xlsx":
        response = HttpResponse(xlsx_bytes(report), content_type=_CONTENT_TYPES["xlsx"])
    elif file_format == "pdf":
        response = HttpResponse(pdf_bytes(report), content_type=_CONTENT_TYPES["pdf"])
    else:
        raise ValueError(f"Unknown export format {file_format!r}")
    response["Content-Disposition"] = f'attachment; filename="{report.file_name(file_format)}"'
    # Reports are the user's own scoped figures: no shared cache may keep them.
    response["Cache-Control"] = "private, no-store"
    return response
