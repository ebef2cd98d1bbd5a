"""The states the import derives from the facts, as docs/import-format.md («States follow from the
facts») gives them, for cases, requests and the order of assessment versions."""

from __future__ import annotations

import datetime

import pytest

from bosetting.cases.models import CaseState
from bosetting.legacy.records import (
    AssessmentRecord,
    CaseRecord,
    Dataset,
    DecisionRecord,
    PersonRecord,
    ProposalRecord,
    ProposedCaseRecord,
    RequestRecord,
    SettlementDecisionRecord,
    SettlementRecord,
)
from bosetting.legacy.states import case_facts, latest_assessments, request_states

TODAY = datetime.date(2026, 6, 1)
BERGEN, OSLO = 46, 3
COMPLETE = {
    "family_in_norway": "no",
    "education_level": "secondary",
    "education_years": 10,
    "work_years": 5,
    "norwegian_level": "A1",
    "special_needs": ["none"],
    "has_pets": "no",
}


def _person(legacy_id: str, case: str = "S1", birth: datetime.date = datetime.date(1990, 1, 1)):
    return PersonRecord(
        legacy_id=legacy_id,
        case=case,
        relation="head" if legacy_id.endswith("1") else "child",
        duf_number="",
        national_id="",
        given_names="",
        family_name="",
        birth_date=birth,
        sex="female",
        citizenship="SYR",
        languages=[],
        interpreter_language="",
        category="resettlement",
        residence="private",
        reception_centre="",
        research_opt_out=False,
    )


def _assessment(legacy_id: str, person: str, saved: datetime.date, line: int, **data):
    return AssessmentRecord(
        legacy_id=legacy_id,
        person=person,
        saved_on=saved,
        line=line,
        data={**COMPLETE, **data},
        health_consent=False,
        health_consent_date=None,
        health_consent_taken_by="",
        health_details="",
    )


def _proposal(legacy_id: str, state: str, municipality: int = BERGEN):
    return ProposalRecord(
        legacy_id=legacy_id,
        municipality_id=municipality,
        sent_on=datetime.date(2026, 2, 1),
        deadline=datetime.date(2026, 2, 8),
        state=state,
        sent_by="imdi@imdi.example",
    )


def _answer(legacy_id: str, proposal: str, answer: str, answered: datetime.date | None = None):
    return ProposedCaseRecord(
        legacy_id=legacy_id,
        proposal=proposal,
        case="S1",
        answer=answer,
        decline_reason="housing" if answer == "declined" else "",
        decline_comment="",
        answered_on=answered,
        answered_by="kommune@bergen.example" if answered else "",
    )


def _household(**extra) -> Dataset:
    """S1: a head and a child, both completely assessed, created 2026-01-10."""
    data = Dataset(
        cases=[CaseRecord("S1", datetime.date(2026, 1, 10))],
        persons=[_person("P1"), _person("P2", birth=datetime.date(2015, 5, 5))],
        assessments=[
            _assessment("K1", "P1", datetime.date(2026, 1, 12), 2),
            _assessment("K2", "P2", datetime.date(2026, 1, 14), 3),
        ],
    )
    for name, value in extra.items():
        setattr(data, name, value)
    return data


def _facts(data: Dataset):
    return case_facts(data, TODAY)["S1"]


def test_a_completely_assessed_household_is_ready_since_its_last_assessment():
    facts = _facts(_household())
    assert (facts.state, facts.municipality_id, facts.changed_on) == (
        CaseState.READY,
        None,
        datetime.date(2026, 1, 14),
    )


def test_one_incomplete_member_keeps_the_household_being_assessed():
    data = _household()
    data.assessments[1] = _assessment("K2", "P2", datetime.date(2026, 1, 14), 3, has_pets="")
    assert _facts(data).state == CaseState.BEING_ASSESSED


def test_a_member_without_assessment_keeps_the_household_being_assessed_since_it_was_created():
    data = _household(assessments=[])
    assert (_facts(data).state, _facts(data).changed_on) == (
        CaseState.BEING_ASSESSED,
        datetime.date(2026, 1, 10),
    )


def test_only_the_newest_version_decides_whether_a_member_is_complete():
    data = _household()
    data.assessments.append(
        _assessment("K1b", "P1", datetime.date(2026, 1, 20), 4, norwegian_level="")
    )
    assert _facts(data).state == CaseState.BEING_ASSESSED
    data.assessments.append(_assessment("K1c", "P1", datetime.date(2026, 1, 21), 5))
    assert _facts(data).state == CaseState.READY


def test_a_waiting_answer_in_a_sent_proposal_makes_the_case_proposed_since_it_was_sent():
    data = _household(
        proposals=[_proposal("F1", "sent")], proposed_cases=[_answer("FS1", "F1", "pending")]
    )
    assert (_facts(data).state, _facts(data).changed_on) == (
        CaseState.PROPOSED,
        datetime.date(2026, 2, 1),
    )


def test_a_yes_without_a_decision_keeps_the_case_proposed_since_the_yes():
    data = _household(
        proposals=[_proposal("F1", "answered")],
        proposed_cases=[_answer("FS1", "F1", "accepted", datetime.date(2026, 2, 4))],
    )
    assert (_facts(data).state, _facts(data).municipality_id, _facts(data).changed_on) == (
        CaseState.PROPOSED,
        None,
        datetime.date(2026, 2, 4),
    )


@pytest.mark.parametrize(
    ("proposal_state", "answer"),
    [("answered", "declined"), ("sent", "withdrawn"), ("expired", "expired")],
)
def test_a_no_a_withdrawal_or_an_expiry_leaves_the_case_ready(proposal_state, answer):
    answered = datetime.date(2026, 2, 4) if answer == "declined" else None
    data = _household(
        proposals=[_proposal("F1", proposal_state)],
        proposed_cases=[_answer("FS1", "F1", answer, answered)],
    )
    assert _facts(data).state == CaseState.READY


def _decided(*settled: str) -> Dataset:
    return _household(
        proposals=[_proposal("F1", "answered", municipality=OSLO)],
        proposed_cases=[_answer("FS1", "F1", "accepted", datetime.date(2026, 2, 4))],
        settlement_decisions=[
            SettlementDecisionRecord("BV1", "FS1", datetime.date(2026, 2, 10), "imdi@imdi.example")
        ],
        settlements=[
            SettlementRecord(f"B{n}", person, datetime.date(2026, 3, n))
            for n, person in enumerate(settled, start=1)
        ],
    )


def test_a_decision_matches_the_case_to_the_proposals_municipality():
    facts = _facts(_decided("P1"))  # one of two settled
    assert (facts.state, facts.municipality_id, facts.changed_on) == (
        CaseState.MATCHED,
        OSLO,
        datetime.date(2026, 2, 10),
    )


def test_the_case_is_settled_when_every_member_is_on_the_last_arrival():
    facts = _facts(_decided("P1", "P2"))
    assert (facts.state, facts.municipality_id, facts.changed_on) == (
        CaseState.SETTLED,
        OSLO,
        datetime.date(2026, 3, 2),
    )


def _request(legacy_id: str) -> RequestRecord:
    return RequestRecord(legacy_id, 2026, BERGEN, 10, 0, None, TODAY, TODAY, "imdi@imdi.example")


def _decision(request: str, state: str) -> DecisionRecord:
    return DecisionRecord(f"V{request}", request, 10, False, 0, TODAY, state, "k@bergen.example")


def test_a_request_is_sent_decided_or_acknowledged_after_its_decision():
    data = Dataset(
        requests=[_request("A1"), _request("A2"), _request("A3")],
        decisions=[_decision("A2", "approved"), _decision("A3", "acknowledged")],
    )
    assert request_states(data) == {"A1": "sent", "A2": "decided", "A3": "acknowledged"}


def test_versions_are_numbered_by_the_day_saved_then_by_line():
    data = Dataset(
        assessments=[
            _assessment("late", "P1", datetime.date(2026, 1, 20), 2),
            _assessment("early-second-line", "P1", datetime.date(2026, 1, 10), 4),
            _assessment("early-first-line", "P1", datetime.date(2026, 1, 10), 3),
            _assessment("other", "P2", datetime.date(2026, 1, 1), 5),
        ]
    )
    assert latest_assessments(data) == {
        "P1": ["early-first-line", "early-second-line", "late"],
        "P2": ["other"],
    }
