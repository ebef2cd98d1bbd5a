"""A run whose task worker died: declared interrupted when far beyond its time limit, shown so,
and started again by IMDi with the same inputs."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from bosetting.audit.models import AuditEvent, EventType
from bosetting.distribution.tests.helpers import approve_places, ready_case

from .. import actions
from ..models import OVERDUE_MARGIN_SECONDS, PlanRun
from ..solving import _solve_and_store

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


def running_run(cast, *, seconds_ago: int, time_limit: int = 30) -> PlanRun:
    """A run the worker took `seconds_ago` and never finished (its process was killed)."""
    approve_places(cast.bergen)
    ready_case()
    run = actions.start_plan_run(
        by=cast.imdi_caseworker,
        year=YEAR,
        filters={},
        weights={"network": 70},
        time_limit=time_limit,
    )
    PlanRun.objects.filter(pk=run.pk).update(
        state=PlanRun.State.RUNNING,
        started_at=timezone.now() - datetime.timedelta(seconds=seconds_ago),
    )
    run.refresh_from_db()
    return run


def test_a_run_far_beyond_its_time_limit_is_declared_interrupted_once(cast):
    stale = running_run(cast, seconds_ago=30 + OVERDUE_MARGIN_SECONDS + 1)

    assert [run.pk for run in actions.interrupt_overdue_runs()] == [stale.pk]
    assert actions.interrupt_overdue_runs() == []

    stale.refresh_from_db()
    assert stale.state == PlanRun.State.FAILED
    assert stale.error == actions.OVERDUE_ERROR
    event = AuditEvent.objects.get(event_type=EventType.PLAN_RUN_INTERRUPTED)
    assert event.details["time_limit"] == 30


def test_a_run_still_within_its_time_and_margin_is_left_running(cast):
    run = running_run(cast, seconds_ago=30 + OVERDUE_MARGIN_SECONDS - 60)

    assert actions.interrupt_overdue_runs() == []
    run.refresh_from_db()
    assert run.state == PlanRun.State.RUNNING
    assert not run.is_overdue()


def test_the_command_interrupts_overdue_runs(cast, capsys):
    stale = running_run(cast, seconds_ago=30 + OVERDUE_MARGIN_SECONDS + 1)
    call_command("interrupt_overdue_plan_runs")
    assert f"Avbrutte fordelingsforslag: {stale.pk}." in capsys.readouterr().out


def test_the_page_shows_an_overdue_run_as_interrupted_and_offers_a_restart(cast, client_for):
    stale = running_run(cast, seconds_ago=30 + OVERDUE_MARGIN_SECONDS + 1)
    client = client_for(cast.imdi_caseworker)
    url = reverse("matching:run", args=[stale.pk])

    polled = client.get(url, headers={"HX-Request": "true", "HX-Target": "plan-progress"})
    page = client.get(url).content.decode()
    listing = client.get(reverse("matching:start")).content.decode()

    assert polled.headers["HX-Refresh"] == "true"
    assert "Beregningen er avbrutt" in page
    assert "Start forslaget på nytt" in page
    assert "Avbrutt" in listing
    stale.refresh_from_db()
    assert stale.state == PlanRun.State.RUNNING  # reading changes nothing


def test_imdi_starts_an_interrupted_run_again_with_the_same_inputs(cast, client_for):
    stale = running_run(cast, seconds_ago=30 + OVERDUE_MARGIN_SECONDS + 1)

    answer = client_for(cast.imdi_caseworker).post(reverse("matching:restart", args=[stale.pk]))

    again = PlanRun.objects.exclude(pk=stale.pk).get()
    assert answer.headers["Location"] == reverse("matching:run", args=[again.pk])
    stale.refresh_from_db()
    assert stale.state == PlanRun.State.FAILED
    assert again.state == PlanRun.State.QUEUED
    assert again.restarted_from == stale
    assert (again.weights, again.time_limit, again.year) == (
        stale.weights,
        stale.time_limit,
        stale.year,
    )
    assert [e.event_type for e in AuditEvent.objects.order_by("id")][-2:] == [
        EventType.PLAN_RUN_INTERRUPTED,
        EventType.PLAN_RUN_RESTARTED,
    ]
    actions.solve_plan_run(again.pk)
    again.refresh_from_db()
    assert again.state == PlanRun.State.DONE


def test_a_finished_run_is_not_started_again(cast, client_for):
    approve_places(cast.bergen)
    ready_case()
    run = actions.start_plan_run(
        by=cast.imdi_caseworker, year=YEAR, filters={}, weights={}, time_limit=5
    )
    actions.solve_plan_run(run.pk)
    client = client_for(cast.imdi_caseworker)

    client.post(reverse("matching:restart", args=[run.pk]))

    assert PlanRun.objects.count() == 1
    page = client.get(reverse("matching:run", args=[run.pk])).content.decode()
    assert "Bare et forslag som feilet eller ble avbrutt, kan startes på nytt." in page


def test_a_worker_that_finishes_after_its_run_was_interrupted_stores_nothing(cast):
    stale = running_run(cast, seconds_ago=30 + OVERDUE_MARGIN_SECONDS + 1)
    actions.interrupt_overdue_runs()

    _solve_and_store(stale)  # the worker that was thought dead, finishing late

    stale.refresh_from_db()
    assert stale.state == PlanRun.State.FAILED
    assert not stale.assignments.exists()
