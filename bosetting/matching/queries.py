"""Reads of distribution plans for IMDi's pages: the runs, and a plan's figures per municipality.

Only IMDi's workers with the work list's permission see plans; nothing here is shown to a
municipality. The figures come from the run's stored snapshot and its assignments, in a fixed
number of queries whatever the number of cases.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet, Sum
from django.http import Http404

from bosetting.accounts.permissions import Permission, require
from bosetting.core.maps.choropleth import ValueKind, format_value
from bosetting.organisations.fields import municipality_options
from bosetting.organisations.models import Municipality

from .models import PlanAssignment, PlanRun


def runs_for(user: Any) -> QuerySet[PlanRun]:
    require(user, Permission.PROPOSAL_MANAGE)
    return PlanRun.objects.select_related("created_by")


def get_run_for(user: Any, pk: int) -> PlanRun:
    run = runs_for(user).filter(pk=pk).first()
    if run is None:
        raise Http404
    return run


def get_assignment_for(user: Any, pk: int) -> PlanAssignment:
    require(user, Permission.PROPOSAL_MANAGE)
    assignment = PlanAssignment.objects.select_related("run", "case", "municipality").filter(pk=pk)
    found = assignment.first()
    if found is None:
        raise Http404
    return found


@dataclass(frozen=True)
class MunicipalityRow:
    number: str
    name: str
    approved: int
    free_before: int
    placed_persons: int
    placed_cases: int

    @property
    def free_after(self) -> int:
        return self.free_before - self.placed_persons

    @property
    def fill_share_after(self) -> float | None:
        """The share of the year's approved places in use after the plan."""
        if not self.approved:
            return None
        return (self.approved - self.free_after) / self.approved

    @property
    def fill_share_text(self) -> str:
        share = self.fill_share_after
        return "–" if share is None else format_value(share, ValueKind.PERCENT)


@dataclass(frozen=True)
class PlanResult:
    run: PlanRun
    assignments: list[PlanAssignment]
    rows: list[MunicipalityRow]  # every municipality in the snapshot, by number
    names: dict[str, str]

    @property
    def placed_cases(self) -> int:
        return sum(1 for a in self.assignments if a.municipality_id is not None)

    @property
    def placed_persons(self) -> int:
        return sum(a.persons for a in self.assignments if a.municipality_id is not None)

    @property
    def unplaced_cases(self) -> int:
        return len(self.assignments) - self.placed_cases

    def fill_shares(self) -> dict[str, float | None]:
        return {row.number: row.fill_share_after for row in self.rows}


def plan_result(run: PlanRun) -> PlanResult:
    assignments = list(
        run.assignments.select_related("case", "municipality", "moved_by").order_by(
            "municipality__number", "case_id"
        )
    )
    names = dict(
        Municipality.objects.filter(number__in=list(run.municipalities)).values_list(
            "number", "name"
        )
    )
    persons: dict[str, int] = {}
    cases: dict[str, int] = {}
    for assignment in assignments:
        if assignment.municipality is not None:
            number = assignment.municipality.number
            persons[number] = persons.get(number, 0) + assignment.persons
            cases[number] = cases.get(number, 0) + 1
    rows = [
        MunicipalityRow(
            number=number,
            name=names.get(number, number),
            approved=facts["approved"],
            free_before=facts["places"],
            placed_persons=persons.get(number, 0),
            placed_cases=cases.get(number, 0),
        )
        for number, facts in sorted(run.municipalities.items())
    ]
    return PlanResult(run=run, assignments=assignments, rows=rows, names=names)


def move_choices(run: PlanRun) -> list[tuple[str, str, int]]:
    """(kommunenummer, name, free places after the plan) of every municipality in the run, by
    name: one aggregate query, the names from the cached municipality options."""
    placed = dict(
        run.assignments.filter(municipality__isnull=False)
        .values_list("municipality__number")
        .annotate(persons=Sum("persons"))
        .values_list("municipality__number", "persons")
    )
    names = {number: name for _pk, number, name in municipality_options()}
    rows = [
        (number, names.get(number, number), facts["places"] - (placed.get(number) or 0))
        for number, facts in run.municipalities.items()
    ]
    return sorted(rows, key=lambda row: (row[1], row[0]))
