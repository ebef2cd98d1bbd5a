"""Inhabitants per municipality, for the formula and for rates per 1,000 in the reports."""

from __future__ import annotations

from django.db.models import F, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from .models import Population


def population_year_for(year: int) -> int | None:
    """The latest population on or before 1 January of `year`, or the latest there is."""
    years = Population.objects.aggregate(
        before=Max("year", filter=Q(year__lte=year)), latest=Max("year")
    )
    return years["before"] or years["latest"]


def inhabitants_by_number(year: int) -> tuple[int | None, dict[str, int]]:
    """The population year used for `year` (as `population_year_for`) and inhabitants per
    kommunenummer, in one query."""
    newest = Population.objects.filter(municipality=OuterRef("municipality")).order_by("-year")
    chosen = Coalesce(
        Subquery(newest.filter(year__lte=year).values("year")[:1]),
        Subquery(newest.values("year")[:1]),
    )
    rows = list(
        Population.objects.annotate(chosen=chosen)
        .filter(year=F("chosen"))
        .values_list("municipality__number", "inhabitants", "year")
    )
    if not rows:
        return None, {}
    return max(row[2] for row in rows), {number: people for number, people, _year in rows}
