"""A run whose task worker died stays «running» in the database: declare it interrupted once it
is far beyond its time limit, and let IMDi start it again with the same inputs."""

from __future__ import annotations

import datetime
from functools import partial
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bosetting.accounts.permissions import Permission, require_actor
from bosetting.audit.actions import record_event
from bosetting.audit.models import EventType

from ..errors import MatchingError
from ..models import PlanRun
from ..tasks import solve_plan
from .runs import SOLVER_NAME

if TYPE_CHECKING:
    from bosetting.accounts.models import User


OVERDUE_ERROR = (
    "Beregningen stoppet uten å bli ferdig: den har holdt på langt lenger enn tidsgrensen, og "
    "oppgavekjøreren ble trolig avbrutt. Start forslaget på nytt."
)


def _interrupt(run: PlanRun) -> None:
    run.state = PlanRun.State.FAILED
    run.error = OVERDUE_ERROR
    run.save(update_fields=["state", "error"])
    record_event(
        by=None,
        event_type=EventType.PLAN_RUN_INTERRUPTED,
        summary=_("Fordelingsforslag %(pk)s er avbrutt: beregningen ble ikke ferdig")
        % {"pk": run.pk},
        obj=run,
        details={
            "started_at": (run.started_at or run.created_at).isoformat(),
            "time_limit": run.time_limit,
        },
    )


def interrupt_overdue_runs(*, now: datetime.datetime | None = None) -> list[PlanRun]:
    """Mark every run that has been running far beyond its time limit as failed (its worker is
    gone), each with its audit event. Safe to run again."""
    now = now or timezone.now()
    with transaction.atomic():
        overdue = [
            run
            for run in PlanRun.objects.select_for_update().filter(state=PlanRun.State.RUNNING)
            if run.is_overdue(now)
        ]
        for run in overdue:
            _interrupt(run)
    return overdue


def restart_plan_run(*, by: User, run: PlanRun) -> PlanRun:
    """Start a failed or interrupted run again as a new run with the same inputs; an overdue run
    is first marked interrupted. The old run stays, failed, for the audit."""
    require_actor(by, Permission.PROPOSAL_MANAGE)
    with transaction.atomic():
        run = PlanRun.objects.select_for_update().get(pk=run.pk)
        if run.is_overdue():
            _interrupt(run)
        if run.state != PlanRun.State.FAILED:
            raise MatchingError(
                _("Bare et forslag som feilet eller ble avbrutt, kan startes på nytt.")
            )
        again = PlanRun.objects.create(
            created_by=by,
            year=run.year,
            filters=run.filters,
            weights=run.weights,
            time_limit=run.time_limit,
            included=run.included,
            solver=SOLVER_NAME,
            integration_scores=run.integration_scores,
            integration_hash=run.integration_hash,
            restarted_from=run,
        )
        record_event(
            by=by,
            event_type=EventType.PLAN_RUN_RESTARTED,
            summary=_("Fordelingsforslag %(old)s startet på nytt som forslag %(new)s")
            % {"old": run.pk, "new": again.pk},
            obj=again,
            details={"restarted_from": run.pk},
        )
        transaction.on_commit(partial(solve_plan.enqueue, again.pk))
    return again
