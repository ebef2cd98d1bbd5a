"""What the task worker does with a queued plan run: read the snapshot, solve, store the plan
and its explanations, each step with its audit event. Kept apart from `actions` so that the task
module can import it at the top while `actions` imports the task (no import in a function)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bosetting.audit.actions import record_event
from bosetting.audit.models import EventType
from bosetting.core.counts import counted
from bosetting.organisations.models import Municipality

from .explain import explain, notes
from .models import PlanAssignment, PlanRun
from .problem import Instance, Weights
from .snapshot import build_instance, snapshot_hash
from .solver import solve


def _instance(run: PlanRun) -> Instance:
    return build_instance(
        year=run.year,
        filters=run.filters,
        weights=Weights(**run.weights),
        include=run.included,
        scores=run.integration_scores,
    )


def solve_plan_run(run_id: int) -> PlanRun | None:
    """What the task worker does: read the snapshot, solve, store the plan and its explanations.
    A run that is no longer queued (a retry after a run that did finish) is left alone."""
    with transaction.atomic():
        run = PlanRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.state != PlanRun.State.QUEUED:
            return run
        run.state = PlanRun.State.RUNNING
        run.started_at = timezone.now()
        run.save(update_fields=["state", "started_at"])
    try:
        with transaction.atomic():
            _solve_and_store(run)
    except Exception as error:
        with transaction.atomic():
            if not _still_running(run):
                return run
            run.state = PlanRun.State.FAILED
            run.error = str(error) or error.__class__.__name__
            run.save(update_fields=["state", "error"])
            record_event(
                by=None,
                event_type=EventType.PLAN_RUN_FAILED,
                summary=_("Fordelingsforslag %(pk)s feilet") % {"pk": run.pk},
                obj=run,
                details={"error": run.error[:500]},
            )
    return run


def _still_running(run: PlanRun) -> bool:
    """Lock the run; False when it was declared interrupted meanwhile (a worker that was thought
    dead, and the run started again): then this worker's result is not stored."""
    return (
        PlanRun.objects.select_for_update().filter(pk=run.pk, state=PlanRun.State.RUNNING).exists()
    )


def _solve_and_store(run: PlanRun) -> None:
    instance = _instance(run)
    result = solve(instance, time_limit=float(run.time_limit))
    explanations = explain(instance, result.plan)
    if not _still_running(run):
        return
    numbers = {m for m in result.plan.values() if m is not None}
    municipality_pks = dict(
        Municipality.objects.filter(number__in=numbers).values_list("number", "pk")
    )
    PlanAssignment.objects.bulk_create(
        PlanAssignment(
            run=run,
            case_id=case.id,
            municipality_id=municipality_pks.get(result.plan[case.id] or ""),
            persons=case.persons,
            minors=case.minors,
            days_waited=case.days_waited,
            score=explanations[case.id].score,
            explanation=_explanation_json(explanations[case.id]),
            suggested=result.plan[case.id] or "",
            forbidden=sorted(case.forbidden),
        )
        for case in instance.cases
    )
    run.snapshot_hash = snapshot_hash(instance)
    run.municipalities = {
        m.id: {
            "places": m.places,
            "minor_places": m.minor_places,
            "takes_minors": m.takes_minors,
            "approved": m.year_places,
            "county": m.county,
        }
        for m in instance.municipalities
    }
    run.status = result.status
    run.objective = result.objective
    run.bound = result.bound
    run.gap = result.gap
    run.seconds = result.seconds
    run.notes = notes(instance, score_file_hash=run.integration_hash)
    run.state = PlanRun.State.DONE
    run.save()
    placed = sum(1 for m in result.plan.values() if m is not None)
    record_event(
        by=None,
        event_type=EventType.PLAN_RUN_FINISHED,
        summary=_("Fordelingsforslag %(pk)s beregnet: %(placed)s av %(cases)s plassert")
        % {"pk": run.pk, "placed": placed, "cases": counted(len(instance.cases), "sak")},
        obj=run,
        details={
            "snapshot_hash": run.snapshot_hash,
            "status": run.status,
            "objective": run.objective,
            "bound": run.bound,
            "gap": run.gap,
        },
    )


def _explanation_json(explanation: Any) -> dict[str, Any]:
    return {
        "text": explanation.text,
        "terms": explanation.terms,
        "reasons": [{"code": r.code, "text": r.text} for r in explanation.reasons],
        "next_best": explanation.next_best,
        "difference": explanation.difference,
    }
