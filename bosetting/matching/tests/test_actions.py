"""Starting, solving and changing a distribution plan, and turning it into draft proposals."""

from __future__ import annotations

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from bosetting.accounts.permissions import AccessDenied
from bosetting.audit.models import AuditEvent, EventType
from bosetting.distribution.models import Proposal
from bosetting.distribution.tests.helpers import (
    approve_places,
    minor_case,
    ready_case,
    sent_proposal,
)

from .. import actions
from ..errors import MatchingError
from ..models import PlanAssignment, PlanRun
from .db_helpers import declined_by

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


def start(cast, **changes):
    arguments = {
        "by": cast.imdi_caseworker,
        "year": YEAR,
        "filters": {},
        "weights": {},
        "time_limit": 10,
    } | changes
    return actions.start_plan_run(**arguments)


def solved(cast, **changes) -> PlanRun:
    run = start(cast, **changes)
    actions.solve_plan_run(run.pk)
    run.refresh_from_db()
    return run


def events(event_type: EventType) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(event_type=event_type))


def test_starting_saves_a_queued_run_audits_and_enqueues_the_solving(
    cast, django_capture_on_commit_callbacks
):
    approve_places(cast.bergen)
    ready_case()

    with django_capture_on_commit_callbacks(execute=True):
        run = start(cast, weights={"network": 80, "wish": 0})

    assert run.state == PlanRun.State.QUEUED
    assert run.weights["network"] == 80.0
    assert run.weights["wish"] == 0.0
    assert run.weights["spread"] == 20.0  # the default
    assert run.solver == "HiGHS"
    (event,) = events(EventType.PLAN_RUN_STARTED)
    assert event.actor == cast.imdi_caseworker
    assert "1 sak og 1 kommune" in event.summary
    assert DBTaskResult.objects.filter(task_path__endswith="solve_plan").count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"weights": {"network": 101}}, "Vekten for familie og nettverk må være fra 0 til 100."),
        ({"weights": {"wish": -1}}, "Vekten for ønske må være fra 0 til 100."),
        ({"weights": {"waiting": "mye"}}, "Vekten for ventetid må være et tall."),
        ({"time_limit": 0}, "Tidsgrensen må være fra 1 til 600 sekunder."),
        ({"time_limit": 601}, "Tidsgrensen må være fra 1 til 600 sekunder."),
        (
            {"filters": {"household_size": 9}},
            "Utvalget har ingen saker som er klare for bosetting.",
        ),
        ({"year": YEAR + 5}, "Ingen kommuner har vedtak for"),
    ],
)
def test_bad_input_is_refused_in_norwegian_and_nothing_is_saved(cast, changes, message):
    approve_places(cast.bergen)
    ready_case()

    with pytest.raises(MatchingError, match=message):
        start(cast, **changes)

    assert not PlanRun.objects.exists()
    assert not events(EventType.PLAN_RUN_STARTED)


@pytest.mark.parametrize("who", ["bergen_caseworker", "reception_staff", "imdi_reader"])
def test_only_imdis_caseworkers_start_a_run(cast, who):
    approve_places(cast.bergen)
    ready_case()

    with pytest.raises(AccessDenied):
        start(cast, by=getattr(cast, who))

    assert not PlanRun.objects.exists()


def test_solving_stores_the_plan_with_explanations_and_the_solvers_report(cast):
    approve_places(cast.bergen, places=20)
    first, second = ready_case(), ready_case(children=2)

    run = solved(cast)

    assert run.state == PlanRun.State.DONE
    assert run.status == "optimal"
    assert run.objective is not None and run.objective > 0
    assert run.bound is not None and run.bound >= run.objective
    assert run.gap == pytest.approx(0, abs=1e-6)
    assert run.seconds is not None
    assert len(run.snapshot_hash) == 64
    assert run.municipalities["4601"]["places"] == 20
    assignments = {a.case_id: a for a in run.assignments.all()}
    assert {a.municipality_id for a in assignments.values()} == {cast.bergen.pk}
    assert assignments[second.pk].persons == 3
    assert assignments[first.pk].suggested == "4601"
    assert assignments[first.pk].explanation["text"].startswith("Kommune 4601:")
    assert assignments[first.pk].score > 0
    (event,) = events(EventType.PLAN_RUN_FINISHED)
    assert event.details["snapshot_hash"] == run.snapshot_hash
    assert "2 av 2 saker plassert" in event.summary


def test_solving_never_assigns_a_case_where_it_was_declined(cast):
    approve_places(cast.bergen)
    approve_places(cast.oslo)
    case = ready_case()
    declined_by(cast, case, cast.bergen, cast.bergen_caseworker)

    run = solved(cast)

    (assignment,) = run.assignments.all()
    assert assignment.municipality == cast.oslo
    assert assignment.forbidden == ["4601"]


def test_a_run_is_solved_once(cast):
    approve_places(cast.bergen)
    ready_case()
    run = solved(cast)

    actions.solve_plan_run(run.pk)

    assert PlanAssignment.objects.count() == 1
    assert len(events(EventType.PLAN_RUN_FINISHED)) == 1


def _only(run: PlanRun) -> PlanAssignment:
    return PlanAssignment.objects.select_related("run").get(run=run)


def test_a_move_needs_a_written_reason(cast):
    approve_places(cast.bergen)
    approve_places(cast.oslo)
    ready_case()
    assignment = _only(solved(cast))

    with pytest.raises(MatchingError, match="Skriv hvorfor saken flyttes"):
        actions.move_assignment(
            by=cast.imdi_caseworker, assignment=assignment, municipality=None, reason="  "
        )

    assignment.refresh_from_db()
    assert assignment.moved_at is None
    assert not events(EventType.PLAN_ASSIGNMENT_MOVED)


def test_a_move_is_saved_with_who_when_and_why_and_audited(cast):
    approve_places(cast.bergen)
    approve_places(cast.oslo)
    ready_case()
    assignment = _only(solved(cast))
    other = cast.oslo if assignment.municipality == cast.bergen else cast.bergen

    actions.move_assignment(
        by=cast.imdi_caseworker, assignment=assignment, municipality=other, reason="Arbeid der"
    )

    assignment.refresh_from_db()
    assert assignment.municipality == other
    assert assignment.moved_by == cast.imdi_caseworker
    assert assignment.moved_at is not None
    assert assignment.move_reason == "Arbeid der"
    (event,) = events(EventType.PLAN_ASSIGNMENT_MOVED)
    assert event.details["to"] == other.number
    assert event.details["reason"] == "Arbeid der"


def test_dropping_a_case_leaves_it_unassigned(cast):
    approve_places(cast.bergen)
    ready_case()
    assignment = _only(solved(cast))

    actions.move_assignment(
        by=cast.imdi_caseworker, assignment=assignment, municipality=None, reason="Venter"
    )

    assignment.refresh_from_db()
    assert assignment.municipality is None


def test_a_move_keeps_room_minors_and_earlier_refusals(cast):
    approve_places(cast.bergen, places=20)
    approve_places(cast.oslo, places=2, takes_minors=False)
    approve_places(cast.stord, places=20)  # no agreement: not in the run
    declined = ready_case()
    declined_by(cast, declined, cast.oslo, cast.oslo_caseworker)
    large = ready_case(children=2)
    minor = minor_case()
    run = solved(cast)
    by_case = {a.case_id: a for a in run.assignments.select_related("run")}

    def move(case, municipality):
        actions.move_assignment(
            by=cast.imdi_caseworker,
            assignment=by_case[case.pk],
            municipality=municipality,
            reason="Prøver",
        )

    with pytest.raises(MatchingError, match="Oslo har sagt nei til denne saken før"):
        move(declined, cast.oslo)
    with pytest.raises(MatchingError, match="Oslo har ikke plass"):
        move(large, cast.oslo)
    with pytest.raises(MatchingError, match="Oslo har ikke ledig plass for enslige mindreårige"):
        move(minor, cast.oslo)
    with pytest.raises(MatchingError, match="Stord er ikke med i forslaget"):
        move(large, cast.stord)
    assert not events(EventType.PLAN_ASSIGNMENT_MOVED)


def test_the_plan_becomes_draft_proposals_one_per_municipality_and_nothing_is_sent(cast):
    approve_places(cast.bergen)
    approve_places(cast.oslo)
    cases = [ready_case(), ready_case(), ready_case()]
    run = solved(cast)
    per_municipality = {}
    for assignment in run.assignments.select_related("municipality"):
        per_municipality.setdefault(assignment.municipality, set()).add(assignment.case_id)

    proposals = actions.make_draft_proposals(by=cast.imdi_caseworker, run=run)

    assert len(proposals) == len(per_municipality)
    for proposal in proposals:
        assert proposal.state == Proposal.State.DRAFT
        assert {p.case_id for p in proposal.proposed_cases.all()} == per_municipality[
            proposal.municipality
        ]
    assert sum(len(ids) for ids in per_municipality.values()) == len(cases)
    run.refresh_from_db()
    assert run.proposals_made_by == cast.imdi_caseworker
    assert len(events(EventType.PLAN_PROPOSALS_MADE)) == 1
    assert len(events(EventType.PROPOSAL_CREATED)) == len(proposals)
    with pytest.raises(MatchingError, match="allerede laget"):
        actions.make_draft_proposals(by=cast.imdi_caseworker, run=run)
    with pytest.raises(MatchingError, match="kan ikke endres lenger"):
        actions.move_assignment(
            by=cast.imdi_caseworker,
            assignment=run.assignments.first(),
            municipality=None,
            reason="For sent",
        )


def test_no_drafts_when_a_case_was_proposed_elsewhere_meanwhile(cast):
    approve_places(cast.bergen)
    case = ready_case()
    run = solved(cast)
    sent_proposal(cast, [case], cast.bergen)

    with pytest.raises(MatchingError, match="er ikke klar for bosetting"):
        actions.make_draft_proposals(by=cast.imdi_caseworker, run=run)

    run.refresh_from_db()
    assert run.proposals_made_at is None
    assert Proposal.objects.filter(state=Proposal.State.DRAFT).count() == 0


def test_a_run_that_cannot_be_solved_fails_with_its_reason(cast):
    approve_places(cast.bergen)
    ready_case()
    run = start(cast)
    # Weights that no form lets through, as a stored run from an older version might hold.
    PlanRun.objects.filter(pk=run.pk).update(weights={"network": 500})

    actions.solve_plan_run(run.pk)

    run.refresh_from_db()
    assert run.state == PlanRun.State.FAILED
    assert "Vekten for familie og nettverk" in run.error
    assert not run.assignments.exists()
    (event,) = events(EventType.PLAN_RUN_FAILED)
    assert event.actor is None


def test_more_minors_than_minors_places_is_refused_and_nothing_is_saved(cast):
    approve_places(cast.bergen, places=20, takes_minors=False)
    minor_case()

    with pytest.raises(MatchingError, match="Utvalget har 1 enslig mindreårig, men kommunene"):
        start(cast)

    assert not PlanRun.objects.exists()
