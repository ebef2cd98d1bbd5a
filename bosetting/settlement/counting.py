"""What "settled" means in every figure, said once (ADR 14).

A person is *settled in municipality M in year Y* when their current settlement (not replaced by
a correction, not withdrawn) is in M and its date falls in Y. A settled unaccompanied minor is one
registered in that category with the settlement. The year overview, the start pages, the free
places, the report "Anmodninger og vedtak", the settlement reports and the API all count from
here, so they cannot disagree.

A person *awaiting settlement* in M is in a case matched to M and has no current settlement yet:
the place is promised, not used. Free places and the municipality's start page subtract both.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from bosetting.cases.models import CaseState, Category, Person

from .models import Settlement

IS_UNACCOMPANIED_MINOR = Q(category=Category.UNACCOMPANIED_MINOR)


def current_settlements() -> QuerySet[Settlement]:
    return Settlement.objects.filter(is_current=True)


def settled_in_year(year: int) -> QuerySet[Settlement]:
    # settled_year is settled_on's year, kept as a column so the per-municipality count is
    # answered from the (municipality, settled_year) index.
    return current_settlements().filter(settled_year=year)


def settled_between(start: datetime.date, end: datetime.date) -> QuerySet[Settlement]:
    """Settled from `start` to `end`, both included: the settlement reports' periods."""
    return current_settlements().filter(settled_on__range=(start, end))


def settled_count(*, municipality: Any, year: Any, minors: bool = False) -> Coalesce:
    """Persons settled in `municipality` in `year`, as a subquery for an annotation: either may be
    a value or an OuterRef (the row's municipality, the request's year)."""
    settlements = current_settlements().filter(municipality=municipality, settled_year=year)
    if minors:
        settlements = settlements.filter(IS_UNACCOMPANIED_MINOR)
    count = settlements.order_by().values("municipality").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(count, output_field=IntegerField()), Value(0))


@dataclass(frozen=True)
class Settled:
    persons: int
    minors: int


def settled_totals(*, year: int, municipality_id: int | None = None) -> Settled:
    """Persons and unaccompanied minors settled in `year`, in one municipality or the country."""
    settlements = settled_in_year(year)
    if municipality_id is not None:
        settlements = settlements.filter(municipality_id=municipality_id)
    totals = settlements.aggregate(
        persons=Count("pk"), minors=Count("pk", filter=IS_UNACCOMPANIED_MINOR)
    )
    return Settled(persons=totals["persons"], minors=totals["minors"])


def awaiting_settlement() -> QuerySet[Person]:
    """Persons in matched cases without a current settlement: each holds a promised place."""
    return Person.objects.filter(case__state=CaseState.MATCHED).exclude(
        Exists(current_settlements().filter(person=OuterRef("pk")))
    )


def awaiting_count(*, municipality: Any, minors: bool = False) -> Coalesce:
    """Persons awaiting settlement in `municipality` (a value or an OuterRef), as a subquery."""
    persons = awaiting_settlement().filter(case__municipality=municipality)
    if minors:
        persons = persons.filter(IS_UNACCOMPANIED_MINOR)
    count = persons.order_by().values("case__municipality").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(count, output_field=IntegerField()), Value(0))
