"""Population and national data for the formula's tests."""

from __future__ import annotations

import io
from typing import Any

from django.core.management import call_command

from bosetting.organisations.actions import load_municipalities
from bosetting.requestformula.formulas import latest_formula
from bosetting.requestformula.models import Formula, Population


def populate(cast: Any, inhabitants: dict[str, int] | None = None, year: int = 2024) -> None:
    """Inhabitants for the cast's three municipalities (Bergen, Oslo, Stord)."""
    inhabitants = inhabitants or {"4601": 291_940, "0301": 717_710, "4614": 19_000}
    for municipality in (cast.bergen, cast.oslo, cast.stord):
        Population.objects.create(
            year=year,
            municipality=municipality,
            inhabitants=inhabitants[municipality.number],
            source="SSB",
        )


def whole_country() -> None:
    """The country as `make run` leaves it: municipalities, population and the first formula
    (made again here where a flushing test emptied the migration's, so that the pages' pinned
    query counts do not count making it)."""
    load_municipalities()
    call_command("load_population", stdout=io.StringIO())
    latest_formula()


def first_formula() -> Formula:
    # The migration's version, made again where a flushing test (a browser test) emptied it.
    latest_formula()
    return Formula.objects.get(version=1)
