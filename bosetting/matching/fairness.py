"""Whom a plan places and whom it leaves: persons placed and not placed by category, sex, age
group, citizenship and household size; the mean waiting time of each side; the share of places
in use per county after the plan. For IMDi's review of the plan, never shown to a municipality.

Two queries (the persons of the plan's cases, the counties' names) whatever the plan's size.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from bosetting.cases.assessment import age_on
from bosetting.cases.codes import country_name
from bosetting.cases.models import Category, Person, Sex
from bosetting.core.maps.choropleth import ValueKind, format_value
from bosetting.organisations.models import County

from .queries import PlanResult

AGE_GROUPS = ((0, 17, "0–17 år"), (18, 29, "18–29 år"), (30, 49, "30–49 år"), (50, 200, "50 år +"))


def _age_group(age: int) -> str:
    return next(label for low, high, label in AGE_GROUPS if low <= age <= high)


def _household_size(persons: int) -> str:
    if persons == 1:
        return _("1 person")
    if persons <= 4:
        return _("2–4 personer")
    return _("5 personer eller flere")


@dataclass(frozen=True)
class GroupRow:
    label: str
    placed: int
    unplaced: int

    @property
    def share_placed(self) -> str:
        total = self.placed + self.unplaced
        return format_value(self.placed / total, ValueKind.PERCENT) if total else "–"


@dataclass(frozen=True)
class GroupTable:
    title: str
    unit: str  # what is counted: persons or cases
    rows: list[GroupRow]


@dataclass(frozen=True)
class CountyRow:
    number: str
    name: str
    approved: int
    used_after: int

    @property
    def fill_share(self) -> str:
        if not self.approved:
            return "–"
        return format_value(self.used_after / self.approved, ValueKind.PERCENT)


@dataclass(frozen=True)
class Fairness:
    tables: list[GroupTable]
    mean_wait_placed: float | None
    mean_wait_unplaced: float | None
    counties: list[CountyRow]


def _table(
    title: str, unit: str, items: Iterable[tuple[Any, bool]], label: Callable[[Any], str]
) -> GroupTable:
    placed: Counter[str] = Counter()
    unplaced: Counter[str] = Counter()
    for key, is_placed in items:
        (placed if is_placed else unplaced)[label(key)] += 1
    labels = sorted(set(placed) | set(unplaced))
    return GroupTable(title, unit, [GroupRow(k, placed[k], unplaced[k]) for k in labels])


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


def fairness(result: PlanResult, *, today: datetime.date | None = None) -> Fairness:
    today = today or timezone.localdate(result.run.created_at)
    placed_case = {a.case_id: a.municipality_id is not None for a in result.assignments}
    persons = list(
        Person.objects.filter(case_id__in=list(placed_case))
        .order_by()
        .values_list("case_id", "category", "sex", "birth_date", "citizenship")
    )
    categories = dict(Category.choices)
    sexes = dict(Sex.choices)
    person_placed = [(row, placed_case[row[0]]) for row in persons]
    tables = [
        _table(
            _("Kategori"),
            _("personer"),
            ((row[1], p) for row, p in person_placed),
            lambda c: str(categories.get(c, c)),
        ),
        _table(
            _("Kjønn"),
            _("personer"),
            ((row[2], p) for row, p in person_placed),
            lambda s: str(sexes.get(s, s)),
        ),
        _table(
            _("Aldersgruppe"),
            _("personer"),
            ((age_on(row[3], today), p) for row, p in person_placed),
            _age_group,
        ),
        _table(
            _("Statsborgerskap"),
            _("personer"),
            ((row[4], p) for row, p in person_placed),
            country_name,
        ),
        _table(
            _("Husstandsstørrelse"),
            _("saker"),
            ((a.persons, a.municipality_id is not None) for a in result.assignments),
            _household_size,
        ),
    ]
    used: Counter[str] = Counter()
    approved: Counter[str] = Counter()
    for row in result.rows:
        county = result.run.municipalities[row.number].get("county", "")
        approved[county] += row.approved
        used[county] += row.approved - row.free_after
    names = dict(County.objects.filter(number__in=list(approved)).values_list("number", "name"))
    return Fairness(
        tables=tables,
        mean_wait_placed=_mean(
            [a.days_waited for a in result.assignments if a.municipality_id is not None]
        ),
        mean_wait_unplaced=_mean(
            [a.days_waited for a in result.assignments if a.municipality_id is None]
        ),
        counties=[
            CountyRow(number, names.get(number, number), approved[number], used[number])
            for number in sorted(approved)
        ],
    )
