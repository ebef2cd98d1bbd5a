"""The states the old system's facts put each case, request and proposal in.

The files carry facts (answers, decisions, dates), not states, so that they cannot contradict
each other: the state follows from the facts by the same rules the actions follow.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from bosetting.cases.assessment import missing_fields
from bosetting.cases.models import AssessmentVersion, CaseState, Person
from bosetting.distribution.models import Proposal, ProposedCase
from bosetting.planning.models import MunicipalDecision, SettlementRequest

from .records import Dataset

Answer = ProposedCase.Answer


def at_noon(day: datetime.date) -> datetime.datetime:
    """A date of the old system as a time here: noon in Oslo, clear of any day boundary."""
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=timezone.get_default_timezone())


@dataclass(frozen=True)
class CaseFacts:
    state: str
    municipality_id: int | None
    changed_on: datetime.date


def request_states(data: Dataset) -> dict[str, str]:
    """By request legacy id: decided or acknowledged after the decision, else sent."""
    states = {request.legacy_id: str(SettlementRequest.State.SENT) for request in data.requests}
    for decision in data.decisions:
        states[decision.request] = str(
            SettlementRequest.State.ACKNOWLEDGED
            if decision.state == MunicipalDecision.State.ACKNOWLEDGED
            else SettlementRequest.State.DECIDED
        )
    return states


def latest_assessments(data: Dataset) -> dict[str, list[str]]:
    """By person legacy id: the assessment legacy ids in version order (saved date, then line)."""
    by_person: dict[str, list[tuple[datetime.date, int, str]]] = defaultdict(list)
    for assessment in data.assessments:
        by_person[assessment.person].append(
            (assessment.saved_on, assessment.line, assessment.legacy_id)
        )
    return {
        person: [legacy_id for *_key, legacy_id in sorted(v)] for person, v in by_person.items()
    }


def case_facts(data: Dataset, today: datetime.date) -> dict[str, CaseFacts]:
    """By case legacy id: its state, settlement municipality and the day the state was reached."""
    proposals = {proposal.legacy_id: proposal for proposal in data.proposals}
    proposed_cases = {proposed.legacy_id: proposed for proposed in data.proposed_cases}
    assessments = {assessment.legacy_id: assessment for assessment in data.assessments}
    versions = latest_assessments(data)
    decided: dict[str, tuple[int, datetime.date]] = {}
    for decision in data.settlement_decisions:
        proposed = proposed_cases[decision.proposed_case]
        decided[proposed.case] = (
            proposals[proposed.proposal].municipality_id,
            decision.decided_on,
        )
    open_since: dict[str, datetime.date] = {}
    for proposed in data.proposed_cases:
        proposal = proposals[proposed.proposal]
        waiting = proposed.answer == Answer.PENDING and proposal.state == Proposal.State.SENT
        if waiting or proposed.answer == Answer.ACCEPTED:
            open_since[proposed.case] = proposed.answered_on or proposal.sent_on
    settled: dict[str, datetime.date] = {}
    persons_by_id = {person.legacy_id: person for person in data.persons}
    for settlement in data.settlements:
        settled[settlement.person] = settlement.settled_on
    members: dict[str, list[str]] = defaultdict(list)
    for person in data.persons:
        members[person.case].append(person.legacy_id)

    facts = {}
    for case in data.cases:
        ids = members[case.legacy_id]
        if case.legacy_id in decided:
            municipality_id, decided_on = decided[case.legacy_id]
            if ids and all(person_id in settled for person_id in ids):
                last = max(settled[person_id] for person_id in ids)
                facts[case.legacy_id] = CaseFacts(CaseState.SETTLED, municipality_id, last)
            else:
                facts[case.legacy_id] = CaseFacts(CaseState.MATCHED, municipality_id, decided_on)
            continue
        if case.legacy_id in open_since:
            facts[case.legacy_id] = CaseFacts(CaseState.PROPOSED, None, open_since[case.legacy_id])
            continue
        complete = True
        changed_on = case.created_on
        for person_id in ids:
            history = versions.get(person_id, [])
            latest = assessments[history[-1]] if history else None
            member = Person(birth_date=persons_by_id[person_id].birth_date)
            version = AssessmentVersion(data=latest.data) if latest else None
            if missing_fields(member, version, today=today):
                complete = False
            if latest is not None:
                changed_on = max(changed_on, latest.saved_on)
        state = CaseState.READY if complete and ids else CaseState.BEING_ASSESSED
        facts[case.legacy_id] = CaseFacts(state, None, changed_on)
    return facts
