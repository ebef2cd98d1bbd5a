"""A run end to end with the real task worker (`manage.py db_worker`, ADR 15): started by
IMDi, solved by the worker after the commit. These tests commit for real (transaction=True)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from bosetting.audit.models import AuditEvent, EventType
from bosetting.distribution.tests.helpers import approve_places, ready_case

from .. import actions
from ..models import PlanRun

pytestmark = pytest.mark.django_db(transaction=True)


def run_worker() -> None:
    """Process every task waiting in the queue once, then return."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=StringIO())


def test_the_worker_solves_a_started_run(cast):
    approve_places(cast.bergen)
    approve_places(cast.oslo)
    cases = [ready_case(), ready_case(children=1)]

    run = actions.start_plan_run(
        by=cast.imdi_caseworker,
        year=timezone.localdate().year,
        filters={},
        weights={},
        time_limit=10,
    )
    assert run.state == PlanRun.State.QUEUED

    run_worker()

    run.refresh_from_db()
    assert run.state == PlanRun.State.DONE
    assert run.status == "optimal"
    assert sorted(a.case_id for a in run.assignments.all()) == sorted(c.pk for c in cases)
    assert all(a.municipality_id is not None for a in run.assignments.all())
    assert AuditEvent.objects.filter(event_type=EventType.PLAN_RUN_FINISHED).count() == 1
