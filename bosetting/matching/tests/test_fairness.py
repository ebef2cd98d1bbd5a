"""The plan's fairness report: who is placed and who is not, waiting times, counties' fill."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from bosetting.distribution.tests.helpers import approve_places, ready_case

from .. import actions
from ..fairness import fairness
from ..queries import plan_result

pytestmark = pytest.mark.django_db


def test_the_report_counts_placed_and_unplaced_by_group_and_the_counties_fill(cast):
    approve_places(cast.bergen, places=1, takes_minors=False)
    with time_machine.travel(timezone.now() - datetime.timedelta(days=30), tick=False):
        family = ready_case(children=2)
    single = ready_case()
    run = actions.start_plan_run(
        by=cast.imdi_caseworker,
        year=timezone.localdate().year,
        filters={},
        weights={},
        time_limit=10,
    )
    actions.solve_plan_run(run.pk)
    run.refresh_from_db()

    report = fairness(plan_result(run))

    placed = {a.case_id for a in run.assignments.all() if a.municipality_id}
    assert placed == {single.pk}  # the only household that fits in one place
    tables = {table.title: table for table in report.tables}
    (category,) = tables["Kategori"].rows
    assert (category.label, category.placed, category.unplaced) == ("Overføringsflyktning", 1, 3)
    assert category.share_placed == "25\N{NO-BREAK SPACE}%"
    sizes = {row.label: (row.placed, row.unplaced) for row in tables["Husstandsstørrelse"].rows}
    assert sizes == {"1 person": (1, 0), "2–4 personer": (0, 1)}
    ages = {row.label: (row.placed, row.unplaced) for row in tables["Aldersgruppe"].rows}
    assert ages["0–17 år"] == (0, 2)
    assert report.mean_wait_placed == 0
    assert report.mean_wait_unplaced == 30
    (vestland,) = report.counties
    assert (vestland.name, vestland.approved, vestland.used_after) == ("Vestland", 1, 1)
    assert vestland.fill_share == "100\N{NO-BREAK SPACE}%"
    assert family.pk not in placed
