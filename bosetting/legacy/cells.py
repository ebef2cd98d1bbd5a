"""Reading one row's values as dates, numbers, codes and references, each problem noted where it is.

Every reader returns None (or an empty value) for a missing or wrong value and adds a Problem,
so a row is read to the end and every problem in it is reported at once.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Mapping
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext as _

from .format import NO, YES
from .reading import Problem, Row

T = TypeVar("T")

EARLIEST_DATE = datetime.date(1900, 1, 1)


class Cells:
    def __init__(self, row: Row, problems: list[Problem]) -> None:
        self.row = row
        self.problems = problems

    def problem(self, column: str, message: str) -> None:
        if column in self.row.refused:
            return  # refused as it was read (reading.py); its empty value proves nothing more
        self.problems.append(Problem(self.row.file, self.row.line, column, message))

    def text(self, column: str, *, required: bool = True, max_length: int = 200) -> str:
        value = self.row.values[column]
        if required and not value:
            self.problem(column, _("Feltet må fylles ut."))
        elif len(value) > max_length:
            self.problem(column, _("Feltet kan ha høyst %(limit)s tegn.") % {"limit": max_length})
            return value[:max_length]
        return value

    def date(self, column: str, *, required: bool = True) -> datetime.date | None:
        value = self.row.values[column]
        if not value:
            if required:
                self.problem(column, _("Feltet må fylles ut (dato som ÅÅÅÅ-MM-DD)."))
            return None
        try:
            if len(value) != 10:
                raise ValueError(value)
            day = datetime.date.fromisoformat(value)
        except ValueError:
            self.problem(
                column,
                _("«%(value)s» er ikke en gyldig dato. Datoer skrives ÅÅÅÅ-MM-DD.")
                % {"value": value},
            )
            return None
        if day < EARLIEST_DATE:
            # No one living, and nothing the old system recorded, is dated before it: such a
            # date is a placeholder or a typing error (0025 for 2025).
            self.problem(
                column,
                _("«%(value)s» er før 1900. Sjekk datoen; datoer før 1900 godtas ikke.")
                % {"value": value},
            )
            return None
        return day

    def not_future(self, column: str, value: datetime.date | None, today: datetime.date) -> None:
        if value is not None and value > today:
            self.problem(column, _("Datoen kan ikke være frem i tid."))

    def integer(
        self, column: str, *, required: bool = True, minimum: int = 0, maximum: int = 1_000_000
    ) -> int | None:
        value = self.row.values[column]
        if not value:
            if required:
                self.problem(column, _("Feltet må fylles ut."))
            return None
        if not value.isascii() or not value.isdigit():
            self.problem(column, _("«%(value)s» er ikke et helt tall.") % {"value": value})
            return None
        number = int(value)
        if not minimum <= number <= maximum:
            self.problem(
                column,
                _("Tallet må være mellom %(min)s og %(max)s.") % {"min": minimum, "max": maximum},
            )
            return None
        return number

    def yes_no(self, column: str) -> bool:
        value = self.row.values[column].lower()
        if value in YES:
            return True
        if value not in NO:
            self.problem(column, _("Skriv «ja» eller «nei»."))
        return False

    def optional_yes_no(self, column: str) -> str:
        """The assessment's "yes"/"no"/"" (not answered)."""
        value = self.row.values[column].lower()
        if not value:
            return ""
        if value in YES:
            return "yes"
        if value in NO:
            return "no"
        self.problem(column, _("Skriv «ja», «nei» eller la feltet stå tomt."))
        return ""

    def choice(self, column: str, choices: Collection[str], *, required: bool = True) -> str:
        value = self.row.values[column]
        if not value:
            if required:
                self.problem(column, _("Feltet må fylles ut."))
            return ""
        if value not in choices:
            self.problem(column, _unknown(value, choices))
            return ""
        return value

    def mapped(self, column: str, mapping: Mapping[str, T]) -> T | None:
        value = self.row.values[column].lower()
        if value not in mapping:
            self.problem(column, _unknown(value, mapping))
            return None
        return mapping[value]

    def codes(self, column: str, choices: Collection[str]) -> list[str]:
        """A comma-separated list, each code known."""
        codes = [code.strip() for code in self.row.values[column].split(",") if code.strip()]
        unknown = [code for code in codes if code not in choices]
        for code in unknown:
            self.problem(column, _("Ukjent kode «%(value)s».") % {"value": code})
        return [code for code in codes if code not in unknown]

    def email(self, column: str, *, required: bool = True) -> str:
        value = self.text(column, required=required, max_length=254).lower()
        if value:
            try:
                EmailValidator()(value)
            except ValidationError:
                self.problem(column, _("«%(value)s» er ikke en e-postadresse.") % {"value": value})
                return ""
        return value

    def reference(self, column: str, known: Collection[str] | None, target: str) -> str:
        """The gammel_id of a row in another file (`target`), which must be in the set.
        `known` is None when that file could not be read: then any id is taken as it is."""
        value = self.row.values[column]
        if not value:
            self.problem(column, _("Feltet må fylles ut."))
            return ""
        if known is not None and value not in known:
            self.problem(
                column,
                _("Finner ingen rad med gammel_id «%(value)s» i %(file)s.")
                % {"value": value, "file": target},
            )
            return ""
        return value


def _unknown(value: str, choices: Collection[str]) -> str:
    return _("Ukjent verdi «%(value)s». Gyldige verdier: %(choices)s.") % {
        "value": value,
        "choices": ", ".join(sorted(choices)),
    }
