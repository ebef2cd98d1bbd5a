"""Reading a preparation file (CSV or XLSX): every row checked, every error reported, or nothing.

Rows are numbered as the spreadsheet numbers them: the header is row 1, the first municipality
row 2, so "Rad 7" is the row the user sees as 7 in Excel.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from bosetting.organisations.models import Municipality

from .actions import RequestNumbers
from .models import SettlementRequest

COLUMNS = ["kommunenummer", "antall", "enslige_mindreaarige", "planleggingstall"]
REQUIRED_COLUMNS = {"kommunenummer", "antall"}
XLSX_SIGNATURE = b"PK\x03\x04"  # an XLSX file is a zip archive
MAX_ROWS = 2000


class UploadError(ValueError):
    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class RawRow:
    number: int  # as the spreadsheet numbers it
    values: dict[str, str]


def template_csv() -> str:
    """An example file: the header, and two municipalities."""
    return "\ufeff" + ";".join(COLUMNS) + "\r\n4601;250;20;200\r\n4614;15;0;\r\n"


def read_rows(content: bytes, filename: str) -> list[RawRow]:
    if content.startswith(XLSX_SIGNATURE) or filename.lower().endswith(".xlsx"):
        return _read_xlsx(content)
    return _read_csv(content)


def _read_csv(content: bytes) -> list[RawRow]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UploadError(
            [
                _(
                    "Filen er ikke lagret som UTF-8, så æ, ø og å ville blitt feil. Lagre den "
                    "på nytt som «CSV UTF-8 (kommadelt)» i Excel, eller som XLSX."
                )
            ]
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return _rows_from(reader)


def _read_xlsx(content: bytes) -> list[RawRow]:
    from openpyxl import load_workbook  # imported late: only uploads of XLSX need it

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged or foreign file
        raise UploadError(
            [_("Filen kan ikke leses som XLSX. Lagre den på nytt fra Excel, eller som CSV.")]
        ) from None
    try:
        sheet = workbook.worksheets[0]
        cells = (
            ["" if value is None else _cell_text(value) for value in row]
            for row in sheet.iter_rows(values_only=True)
        )
        return _rows_from(cells)
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _rows_from(lines: Iterable[list[str]]) -> list[RawRow]:
    iterator = iter(lines)
    header = next(iterator, None)
    if header is None:
        raise UploadError([_("Filen er tom.")])
    names = [cell.strip().lower() for cell in header]
    missing = [column for column in COLUMNS if column in REQUIRED_COLUMNS and column not in names]
    if missing:
        raise UploadError(
            [
                _("Rad 1 må være overskriftene %(columns)s. Mangler: %(missing)s.")
                % {"columns": ", ".join(COLUMNS), "missing": ", ".join(missing)}
            ]
        )
    rows = []
    for index, cells in enumerate(iterator, start=2):
        if not any(str(cell).strip() for cell in cells):
            continue  # blank lines at the end of a file are common and harmless
        values = {
            name: str(cells[i]).strip() if i < len(cells) else ""
            for i, name in enumerate(names)
            if name in COLUMNS
        }
        rows.append(RawRow(number=index, values=values))
        if len(rows) > MAX_ROWS:
            raise UploadError([_("Filen har for mange rader.")])
    if not rows:
        raise UploadError([_("Filen har ingen rader med kommuner.")])
    return rows


def validate_rows(rows: list[RawRow], *, year: int) -> list[RequestNumbers]:
    """The rows as requests to prepare, or UploadError naming every bad row and field."""
    municipalities = {m.number: m for m in Municipality.objects.all()}
    already_sent = set(
        SettlementRequest.objects.filter(year=year)
        .exclude(state=SettlementRequest.State.DRAFT)
        .values_list("municipality__number", flat=True)
    )
    errors: list[str] = []
    seen: dict[str, int] = {}
    result = []

    def error(row: RawRow, column: str, message: str) -> None:
        errors.append(
            _("Rad %(row)s, feltet %(field)s: %(message)s")
            % {"row": row.number, "field": column, "message": message}
        )

    for row in rows:
        number = row.values.get("kommunenummer", "")
        if number.isdigit() and len(number) == 3:
            number = "0" + number  # Excel drops the leading zero of Oslo's 0301
        municipality = municipalities.get(number)
        if not number:
            error(row, "kommunenummer", _("mangler."))
        elif municipality is None:
            error(
                row, "kommunenummer", _("«%(value)s» er ikke et kommunenummer.") % {"value": number}
            )
        elif number in seen:
            error(
                row,
                "kommunenummer",
                _("%(number)s står også på rad %(other)s.")
                % {"number": number, "other": seen[number]},
            )
        elif number in already_sent:
            error(
                row,
                "kommunenummer",
                _("%(name)s har allerede fått anmodningen for %(year)s. Juster den i stedet.")
                % {"name": municipality.name, "year": year},
            )
        if number:
            seen.setdefault(number, row.number)
        places = _whole_number(row, "antall", required=True, error=error)
        minors = _whole_number(row, "enslige_mindreaarige", required=False, error=error)
        planning = _whole_number(row, "planleggingstall", required=False, error=error)
        if places is not None and minors is not None and minors > places:
            error(
                row,
                "enslige_mindreaarige",
                _("kan ikke være flere enn antall (%(places)s).") % {"places": places},
            )
        if municipality is not None and places is not None:
            result.append(
                RequestNumbers(
                    municipality=municipality,
                    places=places,
                    unaccompanied_minors=minors or 0,
                    planning_number_next_year=planning,
                )
            )
    if errors:
        raise UploadError(errors)
    return result


def _whole_number(row: RawRow, column: str, *, required: bool, error: object) -> int | None:
    value = row.values.get(column, "").replace(" ", "").replace("\u00a0", "")
    if not value:
        if required:
            error(row, column, _("mangler."))  # type: ignore[operator]
        return None
    if not value.isdigit():
        error(
            row, column, _("«%(value)s» er ikke et helt tall fra 0 og oppover.") % {"value": value}
        )  # type: ignore[operator]
        return None
    return int(value)
