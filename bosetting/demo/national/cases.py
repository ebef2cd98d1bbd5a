"""Generated cases with their persons, proposals, answers, settlement decisions and settlements.

Each case is planned first (a CasePlan: its household and the dates of every step), then a chunk
of plans is written with one bulk insert per table and one audit event per state change. No
decision letters are stored for generated history: rendering 90,000 PDFs would take hours, and the
person file shows a decision without letters as such. Persons carry no assessment versions
(`current_assessment` stays empty, as for a person registered but not yet assessed).
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bosetting.audit.models import EventType
from bosetting.cases.models import Case, CaseState, Person, Residence, format_case_reference
from bosetting.cases.queries import normalise_name
from bosetting.core.bulk import bulk_copy
from bosetting.distribution.models import Proposal, ProposedCase, SettlementDecision
from bosetting.organisations.models import Municipality
from bosetting.settlement.actions import age_on
from bosetting.settlement.models import Settlement, Source

from .audit_log import ChainedEventWriter
from .plan import PersonDraft, duf_number
from .timeline import at, days, municipal_label

if TYPE_CHECKING:
    from bosetting.accounts.models import User


@dataclass
class CasePlan:
    members: list[PersonDraft]
    state: CaseState
    created: datetime.datetime
    ready: datetime.datetime | None = None
    declined_by: Municipality | None = None  # a first proposal this municipality said no to
    municipality: Municipality | None = None  # proposed to; matched or settled in
    sent: datetime.datetime | None = None
    answered: datetime.datetime | None = None
    decided_on: datetime.date | None = None
    settled_on: datetime.date | None = None


def settled_plan(
    rng: random.Random,
    members: list[PersonDraft],
    settled_on: datetime.date,
    municipality: Municipality,
    other: Municipality,
) -> CasePlan:
    """A case that went the whole way; the dates run backwards from the settlement."""
    decided_on = settled_on - days(rng.randint(5, 75))
    plan = matched_plan(rng, members, decided_on, municipality, other)
    plan.state = CaseState.SETTLED
    plan.settled_on = settled_on
    return plan


def matched_plan(
    rng: random.Random,
    members: list[PersonDraft],
    decided_on: datetime.date,
    municipality: Municipality,
    other: Municipality,
) -> CasePlan:
    sent_on = decided_on - days(rng.randint(2, 10))
    answered_on = sent_on + days(rng.randint(0, (decided_on - sent_on).days))
    ready_on = sent_on - days(rng.randint(10, 60))
    return CasePlan(
        members=members,
        state=CaseState.MATCHED,
        created=at(ready_on - days(rng.randint(14, 120)), rng),
        ready=at(ready_on, rng),
        declined_by=other if rng.random() < 0.12 else None,
        municipality=municipality,
        sent=at(sent_on, rng),
        answered=at(answered_on, rng),
        decided_on=decided_on,
    )


class CaseWriter:
    """Writes chunks of plans; `by` is the IMDi user the generated IMDi steps are attributed to."""

    def __init__(self, *, by: User, events: ChainedEventWriter, first_person: int) -> None:
        self.by = by
        self.by_label = f"{by.get_full_name()} ({by.username})"
        self.events = events
        self.next_person = first_person
        self.persons = 0
        self.cases = 0

    def write(self, plans: list[CasePlan]) -> None:
        cases = bulk_copy(
            Case(
                state=plan.state,
                municipality=plan.municipality
                if plan.state in (CaseState.MATCHED, CaseState.SETTLED)
                else None,
                created_at=plan.created,
                state_changed_at=self._last_change(plan),
            )
            for plan in plans
        )
        persons = bulk_copy(
            self._person(plan, case, draft)
            for plan, case in zip(plans, cases, strict=True)
            for draft in plan.members
        )
        members: dict[int, list[Person]] = {}
        for person in persons:
            members.setdefault(person.case_id, []).append(person)  # type: ignore[arg-type]
        self._proposals(plans, cases)
        self._settlements(plans, cases, members)
        for plan, case in zip(plans, cases, strict=True):
            self._case_events(plan, case, members[case.pk])
        self.cases += len(cases)
        self.persons += len(persons)

    def _person(self, plan: CasePlan, case: Case, draft: PersonDraft) -> Person:
        index = self.next_person
        self.next_person += 1
        return Person(
            duf_number=duf_number(index),
            given_names=draft.given_names,
            family_name=draft.family_name,
            family_name_key=normalise_name(f"{draft.family_name} {draft.given_names}"),
            given_name_key=normalise_name(f"{draft.given_names} {draft.family_name}"),
            birth_date=draft.birth_date,
            sex=draft.sex,
            citizenship=draft.citizenship,
            languages=[draft.language],
            interpreter_language=draft.language,
            category=draft.category,
            # Generated persons live privately or in an alternative place: reception centres'
            # resident lists are the demo's, and stay short.
            residence=Residence.PRIVATE if index % 3 else Residence.ALTERNATIVE,
            case=case,
            relation=draft.relation,
            registered_at=plan.created,
        )

    @staticmethod
    def _last_change(plan: CasePlan) -> datetime.datetime:
        if plan.settled_on is not None:
            return datetime.datetime.combine(plan.settled_on, datetime.time(12), datetime.UTC)
        if plan.decided_on is not None:
            return datetime.datetime.combine(plan.decided_on, datetime.time(12), datetime.UTC)
        return plan.sent or plan.ready or plan.created

    def _proposals(self, plans: list[CasePlan], cases: list[Case]) -> None:
        declined = [(p, c) for p, c in zip(plans, cases, strict=True) if p.declined_by and p.ready]
        items = self._proposal_rows(
            [
                (c, p.declined_by, p.ready + days(1), p.ready + days(3), "declined")  # type: ignore[operator]
                for p, c in declined
            ]
        )
        for (plan, case), item in zip(declined, items, strict=True):
            self._proposal_events(plan, case, item, accepted=False)
        live = [(p, c) for p, c in zip(plans, cases, strict=True) if p.sent is not None]
        items = self._proposal_rows(
            [
                (c, p.municipality, p.sent, p.answered, "accepted" if p.answered else "pending")
                for p, c in live
            ]
        )
        decisions = []
        for (plan, case), item in zip(live, items, strict=True):
            self._proposal_events(plan, case, item, accepted=True)
            if plan.decided_on is not None:
                decisions.append(
                    SettlementDecision(
                        case=case,
                        proposed_case=item,
                        municipality=plan.municipality,
                        decided_on=plan.decided_on,
                        decided_by=self.by,
                    )
                )
        bulk_copy(decisions)
        for decision in decisions:
            municipality = decision.municipality
            moment = datetime.datetime.combine(decision.decided_on, datetime.time(10), datetime.UTC)
            self._imdi_event(
                moment,
                EventType.SETTLEMENT_DECIDED,
                f"Vedtak om bosettingskommune: sak {decision.case.reference} til {municipality.name}",
                "cases.case",
                decision.case_id,
                municipality.pk,
                {"decision": decision.pk, "decided_on": decision.decided_on.isoformat()},
                case_reference=decision.case.reference,
            )

    def _proposal_rows(self, rows: list[tuple[Any, ...]]) -> list[ProposedCase]:
        proposals = bulk_copy(
            Proposal(
                municipality=municipality,
                state=Proposal.State.SENT if answer == "pending" else Proposal.State.ANSWERED,
                deadline=(sent + days(7)).date(),
                created_by=self.by,
                sent_at=sent,
                sent_by=self.by,
                answered_at=answered if answer != "pending" else None,
                closed_at=answered if answer != "pending" else None,
            )
            for _case, municipality, sent, answered, answer in rows
        )
        return bulk_copy(
            ProposedCase(
                proposal=proposal,
                case=case,
                answer=answer,
                decline_reason=ProposedCase.DeclineReason.CAPACITY if answer == "declined" else "",
                answered_at=answered if answer != "pending" else None,
            )
            for proposal, (case, _m, _s, answered, answer) in zip(proposals, rows, strict=True)
        )

    def _settlements(
        self, plans: list[CasePlan], cases: list[Case], members: dict[int, list[Person]]
    ) -> None:
        rows = []
        for plan, case in zip(plans, cases, strict=True):
            if plan.settled_on is None or plan.municipality is None:
                continue
            for person in members[case.pk]:
                rows.append(
                    Settlement(
                        person=person,
                        municipality=plan.municipality,
                        settled_on=plan.settled_on,
                        settled_year=plan.settled_on.year,
                        age_at_settlement=age_on(person.birth_date, plan.settled_on),
                        category=person.category,
                        citizenship=person.citizenship,
                        source=Source.MUNICIPALITY,
                        registered_at=datetime.datetime.combine(
                            plan.settled_on, datetime.time(15), datetime.UTC
                        ),
                    )
                )
        bulk_copy(rows)
        for settlement in rows:
            reference = format_case_reference(settlement.person.case_id)
            self.events.add(
                occurred_at=settlement.registered_at,
                event_type=EventType.SETTLEMENT_REGISTERED,
                summary=(
                    f"Person {settlement.person_id} i sak {reference} "
                    f"bosatt {settlement.settled_on:%d.%m.%Y}"
                ),
                object_type="cases.person",
                object_id=settlement.person_id,
                municipality_id=settlement.municipality_id,
                actor_label=municipal_label(settlement.municipality),
                actor_organisation_id=settlement.municipality.organisation_id,
                details={
                    "settled_on": settlement.settled_on.isoformat(),
                    "source": settlement.source,
                    "settlement_id": settlement.pk,
                },
                case_reference=reference,
            )

    def _proposal_events(
        self, plan: CasePlan, case: Case, item: ProposedCase, *, accepted: bool
    ) -> None:
        proposal = item.proposal
        municipality = proposal.municipality
        assert proposal.sent_at is not None  # every generated proposal is sent
        self._imdi_event(
            proposal.sent_at,
            EventType.PROPOSAL_SENT,
            f"{proposal.reference} sendt til {municipality.name} (1 sak)",
            "distribution.proposal",
            proposal.pk,
            municipality.pk,
        )
        self._state_event(proposal.sent_at, case, CaseState.READY, CaseState.PROPOSED)
        if item.answered_at is None:
            return
        answer = "ja" if accepted else "nei"
        for event_type, summary in [
            (
                EventType.PROPOSAL_CASE_ANSWERED,
                f"{municipality.name} svarte {answer} på sak {case.reference}",
            ),
            (EventType.PROPOSAL_ANSWERED, f"{proposal.reference} besvart"),
        ]:
            self.events.add(
                occurred_at=item.answered_at,
                event_type=event_type,
                summary=summary,
                object_type="distribution.proposal",
                object_id=proposal.pk,
                municipality_id=municipality.pk,
                actor_label=municipal_label(municipality),
                actor_organisation_id=municipality.organisation_id,
                details={"case": case.pk, "answer": item.answer},
                case_reference=case.reference,
            )
        if not accepted:
            self._state_event(item.answered_at, case, CaseState.PROPOSED, CaseState.READY)

    def _case_events(self, plan: CasePlan, case: Case, persons: list[Person]) -> None:
        self._imdi_event(
            plan.created,
            EventType.CASE_CREATED,
            f"Sak {case.reference} opprettet",
            "cases.case",
            case.pk,
            case_reference=case.reference,
        )
        for person in persons:
            self._imdi_event(
                plan.created,
                EventType.PERSON_REGISTERED,
                f"Person registrert i sak {case.reference}",
                "cases.person",
                person.pk,
                case_reference=case.reference,
            )
        if plan.ready is not None:
            self._state_event(plan.ready, case, CaseState.BEING_ASSESSED, CaseState.READY)
        if plan.decided_on is not None:
            moment = datetime.datetime.combine(plan.decided_on, datetime.time(10), datetime.UTC)
            self._state_event(moment, case, CaseState.PROPOSED, CaseState.MATCHED)
        if plan.settled_on is not None:
            moment = datetime.datetime.combine(plan.settled_on, datetime.time(15), datetime.UTC)
            self._state_event(moment, case, CaseState.MATCHED, CaseState.SETTLED)

    def _state_event(
        self, moment: datetime.datetime, case: Case, old: CaseState, new: CaseState
    ) -> None:
        self._imdi_event(
            moment,
            EventType.CASE_STATE_CHANGED,
            f"Sak {case.reference}: {new.label}",
            "cases.case",
            case.pk,
            case.municipality_id,
            {"from": old.value, "to": new.value, "reason": "Historikk"},
            case_reference=case.reference,
        )

    def _imdi_event(
        self,
        moment: datetime.datetime,
        event_type: EventType,
        summary: str,
        object_type: str,
        object_id: Any,
        municipality_id: int | None = None,
        details: dict[str, Any] | None = None,
        *,
        case_reference: str = "",
    ) -> None:
        self.events.add(
            occurred_at=moment,
            event_type=event_type,
            summary=summary,
            object_type=object_type,
            object_id=object_id,
            municipality_id=municipality_id,
            actor=self.by,
            actor_label=self.by_label,
            actor_organisation_id=self.by.organisation_id,
            details=details,
            case_reference=case_reference,
        )
