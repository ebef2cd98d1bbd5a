"""Start a run, move a case with a written reason, and turn the plan into draft proposals.
Nothing here sends anything to a municipality; the drafts go through distribution's own actions
and wait for a person to send."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import partial
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bosetting.accounts.permissions import Permission, require_actor
from bosetting.audit.actions import record_event
from bosetting.audit.models import EventType
from bosetting.cases.models import Case
from bosetting.core.counts import counted
from bosetting.distribution import actions as distribution
from bosetting.distribution.forms import default_deadline
from bosetting.organisations.fields import municipality_options
from bosetting.organisations.models import Municipality

from ..errors import MatchingError
from ..integration_scores import parse_score_file
from ..models import PlanAssignment, PlanRun
from ..problem import WEIGHT_LABELS, WEIGHT_MAX, WEIGHT_MIN, Weights
from ..snapshot import FILTER_KEYS, build_instance
from ..tasks import solve_plan

if TYPE_CHECKING:
    from bosetting.accounts.models import User

TIME_LIMIT_MIN = 1
TIME_LIMIT_MAX = 600
SOLVER_NAME = "HiGHS"


def _weights(values: Mapping[str, Any]) -> Weights:
    given = {name: values[name] for name in WEIGHT_LABELS if values.get(name) is not None}
    for name, value in given.items():
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise MatchingError(
                _("Vekten for %(label)s må være et tall.") % {"label": WEIGHT_LABELS[name]},
                field=name,
            )
        if not WEIGHT_MIN <= value <= WEIGHT_MAX:
            raise MatchingError(
                _("Vekten for %(label)s må være fra %(low)s til %(high)s.")
                % {
                    "label": WEIGHT_LABELS[name],
                    "low": f"{WEIGHT_MIN:g}",
                    "high": f"{WEIGHT_MAX:g}",
                },
                field=name,
            )
    return Weights(**{name: float(value) for name, value in given.items()})


def start_plan_run(
    *,
    by: User,
    year: int,
    filters: Mapping[str, Any],
    weights: Mapping[str, Any],
    time_limit: int,
    include: Iterable[str] = (),
    integration_file: bytes | None = None,
) -> PlanRun:
    """Check the inputs, save the run and leave the solving to the task worker. On bad input a
    MatchingError says what is wrong, and nothing is saved. `integration_file`: the CSV of
    expected-integration scores (docs/integration-scores.md), read whole or refused whole."""
    require_actor(by, Permission.PROPOSAL_MANAGE)
    chosen = _weights(weights)
    score_file = (
        parse_score_file(
            integration_file,
            municipalities=[number for _pk, number, _name in municipality_options()],
        )
        if integration_file is not None
        else None
    )
    if not TIME_LIMIT_MIN <= time_limit <= TIME_LIMIT_MAX:
        raise MatchingError(
            _("Tidsgrensen må være fra %(low)s til %(high)s sekunder.")
            % {"low": TIME_LIMIT_MIN, "high": TIME_LIMIT_MAX},
            field="time_limit",
        )
    stored_filters = {
        key: filters[key] for key in FILTER_KEYS if filters.get(key) not in (None, "")
    }
    included = sorted(set(include))
    instance = build_instance(
        year=year,
        filters=stored_filters,
        weights=chosen,
        include=included,
        scores=score_file.scores if score_file else None,
    )
    if not instance.cases:
        raise MatchingError(
            _("Utvalget har ingen saker som er klare for bosetting. Endre utvalget og prøv igjen.")
        )
    if not instance.municipalities:
        raise MatchingError(
            _(
                "Ingen kommuner har vedtak for %(year)s og databehandleravtale i kraft. "
                "Ta med kommuner for hånd, eller velg et annet år."
            )
            % {"year": year}
        )
    minors = sum(case.minors for case in instance.cases)
    minor_places = sum(m.minor_places for m in instance.municipalities if m.takes_minors)
    if minors > minor_places:
        raise MatchingError(
            _(
                "Utvalget har %(minors)s, men kommunene har bare %(places)s ledige plasser for "
                "enslige mindreårige. Ta sakene med enslige mindreårige ut av utvalget (filtrer på "
                "kategori), eller ta med flere kommuner."
            )
            % {"minors": counted(minors, "enslig mindreårig"), "places": minor_places}
        )
    with transaction.atomic():
        run = PlanRun.objects.create(
            created_by=by,
            year=year,
            filters=stored_filters,
            weights=vars(chosen),
            time_limit=time_limit,
            included=included,
            solver=SOLVER_NAME,
            integration_scores=score_file.scores if score_file else {},
            integration_hash=score_file.sha256 if score_file else "",
        )
        record_event(
            by=by,
            event_type=EventType.PLAN_RUN_STARTED,
            summary=_("Fordelingsforslag %(pk)s startet for %(cases)s og %(municipalities)s")
            % {
                "pk": run.pk,
                "cases": counted(len(instance.cases), "sak"),
                "municipalities": counted(len(instance.municipalities), "kommune"),
            },
            obj=run,
            details={
                "year": year,
                "filters": stored_filters,
                "weights": run.weights,
                "integration_file": (
                    {"sha256": score_file.sha256, "rows": score_file.rows} if score_file else None
                ),
            },
        )
        transaction.on_commit(partial(solve_plan.enqueue, run.pk))
    return run


def move_check(assignment: PlanAssignment, municipality: Municipality | None) -> None:
    """The hard rules a move must keep, against the run's stored plan: room for the whole
    household, minors only where taken and within the minors' places, never where declined."""
    if municipality is None:
        return
    run = assignment.run
    facts = run.municipalities.get(municipality.number)
    if facts is None:
        raise MatchingError(
            _("%(name)s er ikke med i forslaget: kommunen har ikke ledige plasser i %(year)s.")
            % {"name": municipality.name, "year": run.year},
            field="municipality",
        )
    if municipality.number in assignment.forbidden:
        raise MatchingError(
            _("%(name)s har sagt nei til denne saken før.") % {"name": municipality.name},
            field="municipality",
        )
    others = run.assignments.filter(municipality=municipality).exclude(pk=assignment.pk)
    persons = sum(others.values_list("persons", flat=True))
    if persons + assignment.persons > facts["places"]:
        raise MatchingError(
            _("%(name)s har ikke plass: %(free)s ledige plasser igjen, saken har %(persons)s.")
            % {
                "name": municipality.name,
                "free": max(0, facts["places"] - persons),
                "persons": counted(assignment.persons, "person"),
            },
            field="municipality",
        )
    if assignment.minors:
        minors = sum(others.values_list("minors", flat=True))
        if not facts["takes_minors"] or minors + assignment.minors > facts["minor_places"]:
            raise MatchingError(
                _("%(name)s har ikke ledig plass for enslige mindreårige.")
                % {"name": municipality.name},
                field="municipality",
            )


def move_assignment(
    *, by: User, assignment: PlanAssignment, municipality: Municipality | None, reason: str
) -> PlanAssignment:
    """Move a case to another municipality, or out of the plan (None), with a written reason."""
    require_actor(by, Permission.PROPOSAL_MANAGE)
    reason = reason.strip()
    if not reason:
        raise MatchingError(_("Skriv hvorfor saken flyttes."), field="reason")
    with transaction.atomic():
        run = PlanRun.objects.select_for_update().get(pk=assignment.run_id)
        if run.state != PlanRun.State.DONE or run.proposals_made_at is not None:
            raise MatchingError(_("Forslaget kan ikke endres lenger."))
        assignment = PlanAssignment.objects.select_related("run", "municipality", "case").get(
            pk=assignment.pk
        )
        if assignment.municipality_id == (municipality.pk if municipality else None):
            raise MatchingError(_("Saken er allerede plassert der."), field="municipality")
        move_check(assignment, municipality)
        before = assignment.municipality
        assignment.municipality = municipality
        assignment.moved_by = by
        assignment.moved_at = timezone.now()
        assignment.move_reason = reason
        assignment.save(update_fields=["municipality", "moved_by", "moved_at", "move_reason"])
        record_event(
            by=by,
            event_type=EventType.PLAN_ASSIGNMENT_MOVED,
            summary=_(
                "Sak %(case)s flyttet fra %(before)s til %(after)s i fordelingsforslag %(pk)s"
            )
            % {
                "case": assignment.case.reference,
                "before": before.name if before else _("ingen kommune"),
                "after": municipality.name if municipality else _("ingen kommune"),
                "pk": run.pk,
            },
            obj=assignment.case,
            details={
                "run": run.pk,
                "from": before.number if before else None,
                "to": municipality.number if municipality else None,
                "reason": reason,
            },
        )
    return assignment


def make_draft_proposals(
    *, by: User, run: PlanRun, deadline: datetime.date | None = None
) -> list[Any]:
    """One draft proposal per municipality in the plan, through distribution's create_proposal.
    Nothing is sent: a person reviews and sends each draft."""
    require_actor(by, Permission.PROPOSAL_MANAGE)
    deadline = deadline or default_deadline()
    with transaction.atomic():
        run = PlanRun.objects.select_for_update().get(pk=run.pk)
        if run.state != PlanRun.State.DONE:
            raise MatchingError(_("Forslaget er ikke ferdig beregnet."))
        if run.proposals_made_at is not None:
            raise MatchingError(_("Forespørslene er allerede laget fra dette forslaget."))
        per_municipality: dict[Municipality, list[Case]] = defaultdict(list)
        for assignment in (
            run.assignments.filter(municipality__isnull=False)
            .select_related("municipality", "case")
            .order_by("municipality__number", "pk")
        ):
            if assignment.municipality is not None:
                per_municipality[assignment.municipality].append(assignment.case)
        if not per_municipality:
            raise MatchingError(_("Forslaget plasserer ingen saker."))
        try:
            proposals = [
                distribution.create_proposal(
                    by=by, municipality=municipality, cases=cases, deadline=deadline
                )
                for municipality, cases in per_municipality.items()
            ]
        except distribution.DistributionError as error:
            raise MatchingError(error.message) from None
        run.proposals_made_by = by
        run.proposals_made_at = timezone.now()
        run.save(update_fields=["proposals_made_by", "proposals_made_at"])
        record_event(
            by=by,
            event_type=EventType.PLAN_PROPOSALS_MADE,
            summary=ngettext(
                "%(count)s forespørsel laget fra fordelingsforslag %(pk)s",
                "%(count)s forespørsler laget fra fordelingsforslag %(pk)s",
                len(proposals),
            )
            % {"count": len(proposals), "pk": run.pk},
            obj=run,
            details={"proposals": [p.pk for p in proposals]},
        )
    return proposals
