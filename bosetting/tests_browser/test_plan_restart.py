"""A plan whose task worker died is shown as interrupted; IMDi starts it again. Axe on both
pages."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bosetting.distribution.tests.helpers import approve_places, ready_case
from bosetting.matching import actions
from bosetting.matching.models import OVERDUE_MARGIN_SECONDS, PlanRun

from .support import check_axe

pytestmark = pytest.mark.browser


def test_imdi_sees_an_interrupted_plan_and_starts_it_again(
    cast: Any, live_server: Any, log_in_as: Any
) -> None:
    approve_places(cast.bergen)
    ready_case()
    run = actions.start_plan_run(
        by=cast.imdi_caseworker,
        year=timezone.localdate().year,
        filters={},
        weights={},
        time_limit=30,
    )
    # The worker took it long ago, and its process was killed.
    PlanRun.objects.filter(pk=run.pk).update(
        state=PlanRun.State.RUNNING,
        started_at=timezone.now() - datetime.timedelta(seconds=30 + OVERDUE_MARGIN_SECONDS + 60),
    )
    page = log_in_as(cast.imdi_caseworker)

    page.goto(f"{live_server.url}/fordeling/forslag/{run.pk}/")
    expect(page.get_by_text("Beregningen er avbrutt")).to_be_visible()
    check_axe(page)
    page.get_by_role("button", name="Start forslaget på nytt").click()

    expect(page.get_by_text(f"Forslag {run.pk} er startet på nytt som forslag")).to_be_visible()
    again = PlanRun.objects.exclude(pk=run.pk).get()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Fordelingsforslag {again.pk}")
    expect(page.get_by_text("Forslaget venter på å bli beregnet.")).to_be_visible()
    check_axe(page)
    run.refresh_from_db()
    assert run.state == PlanRun.State.FAILED
