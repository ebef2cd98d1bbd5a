"""The national data set, generated at a small scale: counts, consistency, audit chain, idempotence."""

from __future__ import annotations

import datetime

import pytest
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse

from bosetting.audit.models import AuditEvent, EventType
from bosetting.audit.verification import find_first_break
from bosetting.cases.models import Case, CaseState, Person
from bosetting.demo import national
from bosetting.demo.national.plan import PERSONS
from bosetting.distribution.models import Proposal, ProposedCase, SettlementDecision
from bosetting.distribution.transitions import ALLOWED_MOVES as PROPOSAL_MOVES
from bosetting.organisations.models import Municipality
from bosetting.planning.models import MunicipalDecision, SettlementRequest
from bosetting.planning.transitions import DECISION_MOVES, REQUEST_MOVES
from bosetting.settlement.models import Settlement

SCALE = 0.002  # about 500 persons
TODAY = datetime.date(2026, 11, 26)


@pytest.fixture
def generated(cast):
    result = national.generate(
        by=cast.imdi_caseworker, scale=SCALE, today=TODAY, progress=lambda text: None
    )
    assert result is not None
    return result


def test_generates_the_persons_cases_and_every_municipalitys_requests_for_ten_years(generated):
    target = round(PERSONS * SCALE)
    assert target <= Person.objects.count() == generated.persons < target + 7
    assert Case.objects.count() == generated.cases
    municipalities = Municipality.objects.count()
    assert municipalities >= 357
    per_year = SettlementRequest.objects.values("year").annotate(count=Count("pk"))
    assert {row["year"]: row["count"] for row in per_year} == {
        year: municipalities for year in range(2017, 2027)
    }
    settled = {
        row["settled_year"]: row["count"]
        for row in Settlement.objects.values("settled_year").annotate(count=Count("pk"))
    }
    # The peak years of DOMAIN.md are the peak years here too.
    assert settled[2023] > settled[2024] > settled[2021]
    assert {state for state in Case.objects.values_list("state", flat=True)} == set(CaseState)


def test_every_settled_person_has_a_decision_before_the_date_in_the_same_municipality(generated):
    settlements = Settlement.objects.select_related(
        "person__case__settlement_decision", "person__case"
    )
    assert settlements.exists()
    for settlement in settlements:
        decision = settlement.person.case.settlement_decision
        assert decision.decided_on <= settlement.settled_on <= TODAY
        assert decision.municipality_id == settlement.municipality_id
        assert settlement.person.case.municipality_id == settlement.municipality_id


def test_case_states_agree_with_their_persons_proposals_and_decisions(generated):
    unsettled = Person.objects.filter(case=OuterRef("pk")).exclude(settlements__is_current=True)
    settled_member = Person.objects.filter(case=OuterRef("pk"), settlements__is_current=True)
    decision = SettlementDecision.objects.filter(case=OuterRef("pk"))
    pending = ProposedCase.objects.filter(case=OuterRef("pk"), answer="pending")
    cases = Case.objects.annotate(
        unsettled=Exists(unsettled),
        any_settled=Exists(settled_member),
        decided=Exists(decision),
        pending=Exists(pending),
    )
    assert not cases.filter(state=CaseState.SETTLED, unsettled=True).exists()
    assert not cases.exclude(state=CaseState.SETTLED).filter(any_settled=True).exists()
    assert not cases.filter(state__in=["matched", "settled"], decided=False).exists()
    assert not cases.exclude(state__in=["matched", "settled"]).filter(decided=True).exists()
    assert not cases.filter(state=CaseState.PROPOSED, pending=False).exists()
    assert not cases.exclude(state=CaseState.PROPOSED).filter(pending=True).exists()
    assert not cases.filter(
        Q(state__in=["matched", "settled"], municipality__isnull=True)
        | Q(state__in=["being_assessed", "ready", "proposed"], municipality__isnull=False)
    ).exists()


def test_requests_decisions_and_proposals_are_in_states_the_actions_would_reach(generated):
    # A request's state follows its current decision, as approving and acknowledging make it.
    by_decision = {
        None: SettlementRequest.State.SENT,
        MunicipalDecision.State.APPROVED: SettlementRequest.State.DECIDED,
        MunicipalDecision.State.ACKNOWLEDGED: SettlementRequest.State.ACKNOWLEDGED,
    }
    current = dict(
        MunicipalDecision.objects.exclude(
            state__in=[MunicipalDecision.State.DRAFT, MunicipalDecision.State.REPLACED]
        ).values_list("request_id", "state")
    )
    for pk, state in SettlementRequest.objects.values_list("pk", "state"):
        assert state in REQUEST_MOVES
        assert state == by_decision[current.get(pk)]
    assert current and set(current.values()) <= set(DECISION_MOVES)
    proposals = set(Proposal.objects.values_list("state", flat=True))
    assert proposals and proposals <= set(PROPOSAL_MOVES) - {Proposal.State.DRAFT}


def test_every_state_change_is_in_an_unbroken_audit_chain(generated):
    checked, chain_break = find_first_break()

    assert chain_break is None
    assert checked == AuditEvent.objects.count() >= generated.events
    registered = AuditEvent.objects.filter(event_type=EventType.SETTLEMENT_REGISTERED)
    assert registered.count() == Settlement.objects.count()
    decided = AuditEvent.objects.filter(event_type=EventType.SETTLEMENT_DECIDED)
    assert decided.count() == SettlementDecision.objects.count()
    settled_cases = AuditEvent.objects.filter(
        event_type=EventType.CASE_STATE_CHANGED, details__to="settled"
    )
    assert settled_cases.count() == Case.objects.filter(state=CaseState.SETTLED).count()


def test_a_second_run_adds_nothing(generated, cast):
    counts = (Person.objects.count(), AuditEvent.objects.count(), SettlementRequest.objects.count())

    assert national.generate(by=cast.imdi_caseworker, scale=SCALE, today=TODAY) is None

    assert (
        Person.objects.count(),
        AuditEvent.objects.count(),
        SettlementRequest.objects.count(),
    ) == counts


def test_the_person_file_and_proposal_of_a_generated_settled_person_open_without_letters(
    generated, cast, client_for
):
    settlement = Settlement.objects.select_related("person").first()
    decision = SettlementDecision.objects.get(case=settlement.person.case_id)
    assert not SettlementDecision.objects.filter(letters__isnull=False).exists()
    client = client_for(cast.imdi_caseworker)

    case_page = client.get(reverse("cases:case_detail", args=[settlement.person.case_id]))
    person_page = client.get(reverse("cases:person_detail", args=[settlement.person_id]))
    proposal_page = client.get(
        reverse("distribution:proposal_detail", args=[decision.proposed_case.proposal_id])
    )

    assert case_page.status_code == 200
    assert person_page.status_code == 200
    assert settlement.person.family_name in person_page.content.decode()
    assert proposal_page.status_code == 200
    assert "Vedtak om bosettingskommune" in proposal_page.content.decode()


def test_generated_events_about_a_case_and_its_people_are_filed_under_the_case(generated):
    registered = AuditEvent.objects.filter(event_type=EventType.SETTLEMENT_REGISTERED)
    settlement = Settlement.objects.select_related("person__case").first()
    reference = settlement.person.case.reference
    event = registered.get(object_id=str(settlement.person_id))
    assert event.case_reference == reference
    assert f"i sak {reference} bosatt" in event.summary
    about_people = AuditEvent.objects.filter(object_type__in=["cases.case", "cases.person"])
    assert not about_people.filter(case_reference="").exists()
