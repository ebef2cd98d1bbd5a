"""Writing a checked data set, file by file, each referring to the rows written before it."""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.utils.translation import gettext as _

from bosetting.cases.models import Case, Person
from bosetting.cases.queries import normalise_name
from bosetting.distribution.models import Proposal, ProposedCase, SettlementDecision
from bosetting.planning.models import MunicipalDecision, SettlementRequest
from bosetting.settlement.actions import age_on
from bosetting.settlement.models import Settlement, Source

from .. import format as f
from ..progress import Progress
from ..records import Dataset
from ..states import CaseFacts, at_noon, case_facts, request_states
from ..syncing import Counts, Item, chunks, sync
from .assessments import write_assessments
from .organisations import write_centres, write_organisation_numbers, write_users


def _noon(day: datetime.date | None) -> datetime.datetime | None:
    return at_noon(day) if day else None


class Writer:
    def __init__(self, data: Dataset, *, today: datetime.date, progress: Progress) -> None:
        self.data = data
        self.today = today
        self.progress = progress
        self.now = datetime.datetime.now(tz=datetime.UTC)
        self.counts: dict[str, Counts] = {}
        self.centres: dict[str, tuple[int, int]] = {}  # by name: (id, organisation id)
        self.users: dict[str, int] = {}  # by e-mail
        self.facts: dict[str, CaseFacts] = {}  # by case legacy id, set when cases are written
        self.health_details_erased = 0  # versions whose details a later withdrawal took
        self._untouched: set[str] = set()  # legacy ids of the last file neither made nor changed

    def sync(
        self, spec: f.FileSpec, model: Any, items: list[Item], natural: dict[str, int] | None = None
    ) -> dict[str, int]:
        synced = sync(
            entity=spec.entity,
            model=model,
            items=items,
            natural=natural,
            now=self.now,
            progress=self.progress,
            label=_("Skriver %(file)s") % {"file": spec.filename},
        )
        self.counts[spec.entity] = synced.counts
        self._untouched = set(synced.pks) - synced.created - synced.changed
        return synced.pks

    def count_also_changed(self, spec: f.FileSpec, legacy_ids: set[str]) -> None:
        """Rows of the last synced file changed beyond their own table (roles, a centre's
        organisation): counted as changed, not unchanged."""
        counts = self.counts[spec.entity]
        moved = len(legacy_ids & self._untouched)
        counts.changed += moved
        counts.unchanged -= moved
        self._untouched -= legacy_ids

    def write(self) -> dict[str, Counts]:
        write_organisation_numbers(self)
        write_centres(self)
        write_users(self)
        requests = self.write_requests()
        self.write_decisions(requests)
        cases = self.write_cases()
        persons = self.write_persons(cases)
        write_assessments(self, persons)
        proposals = self.write_proposals()
        proposed = self.write_proposed_cases(proposals, cases)
        self.write_settlement_decisions(proposed, cases)
        self.write_settlements(persons)
        return self.counts

    def write_requests(self) -> dict[str, int]:
        records = self.data.requests
        states = request_states(self.data)
        existing = {
            (year, municipality_id): pk
            for year, municipality_id, pk in SettlementRequest.objects.filter(
                year__in={record.year for record in records}
            ).values_list("year", "municipality_id", "id")
        }
        natural = {
            record.legacy_id: existing[(record.year, record.municipality_id)]
            for record in records
            if (record.year, record.municipality_id) in existing
        }
        items = [
            Item(
                record.legacy_id,
                {
                    "year": record.year,
                    "municipality_id": record.municipality_id,
                    "state": states[record.legacy_id],
                    "places": record.places,
                    "unaccompanied_minors": record.unaccompanied_minors,
                    "planning_number_next_year": record.planning_number_next_year,
                    "deadline": record.deadline,
                    "created_by_id": self.users[record.sent_by],
                    "sent_at": at_noon(record.sent_on),
                    "sent_by_id": self.users[record.sent_by],
                },
            )
            for record in records
        ]
        return self.sync(f.REQUESTS, SettlementRequest, items, natural)

    def write_decisions(self, requests: dict[str, int]) -> None:
        request_records = {record.legacy_id: record for record in self.data.requests}
        items = []
        for record in self.data.decisions:
            acknowledged = record.state == MunicipalDecision.State.ACKNOWLEDGED
            imdi_user = self.users[request_records[record.request].sent_by]
            decided_at = at_noon(record.council_decided_on)
            items.append(
                Item(
                    record.legacy_id,
                    {
                        "request_id": requests[record.request],
                        "state": record.state,
                        "places": record.places,
                        "takes_unaccompanied_minors": record.takes_unaccompanied_minors,
                        "unaccompanied_minors": record.unaccompanied_minors,
                        "council_decided_on": record.council_decided_on,
                        "registered_by_id": self.users[record.registered_by],
                        "approved_at": decided_at,
                        "approved_by_id": self.users[record.registered_by],
                        "acknowledged_at": decided_at if acknowledged else None,
                        "acknowledged_by_id": imdi_user if acknowledged else None,
                    },
                )
            )
        # A request found by its natural key may already have a current decision: that one is
        # the decision the file describes (a request has one current decision).
        current = dict(
            MunicipalDecision.objects.filter(
                request_id__in=list(requests.values()),
                state__in=[MunicipalDecision.State.APPROVED, MunicipalDecision.State.ACKNOWLEDGED],
            ).values_list("request_id", "id")
        )
        natural = {
            record.legacy_id: current[requests[record.request]]
            for record in self.data.decisions
            if requests[record.request] in current
        }
        self.sync(f.DECISIONS, MunicipalDecision, items, natural)

    def write_cases(self) -> dict[str, int]:
        self.facts = case_facts(self.data, self.today)
        items = [
            Item(
                record.legacy_id,
                {
                    "state": self.facts[record.legacy_id].state,
                    "municipality_id": self.facts[record.legacy_id].municipality_id,
                    "created_at": at_noon(record.created_on),
                    "state_changed_at": at_noon(self.facts[record.legacy_id].changed_on),
                },
            )
            for record in self.data.cases
        ]
        return self.sync(f.CASES, Case, items)

    def write_persons(self, cases: dict[str, int]) -> dict[str, int]:
        records = self.data.persons
        by_duf: dict[str, int] = {}
        dufs = [record.duf_number for record in records]
        for chunk in chunks(dufs):
            by_duf.update(
                Person.objects.filter(duf_number__in=chunk).values_list("duf_number", "id")
            )
        natural = {r.legacy_id: by_duf[r.duf_number] for r in records if r.duf_number in by_duf}
        items = [
            Item(
                r.legacy_id,
                {
                    "duf_number": r.duf_number,
                    "national_id": r.national_id,
                    "given_names": r.given_names,
                    "family_name": r.family_name,
                    "family_name_key": normalise_name(f"{r.family_name} {r.given_names}"),
                    "given_name_key": normalise_name(f"{r.given_names} {r.family_name}"),
                    "birth_date": r.birth_date,
                    "sex": r.sex,
                    "citizenship": r.citizenship,
                    "languages": r.languages,
                    "interpreter_language": r.interpreter_language,
                    "category": r.category,
                    "residence": r.residence,
                    "reception_centre_id": self.centres[r.reception_centre][0]
                    if r.reception_centre
                    else None,
                    "research_opt_out": r.research_opt_out,
                    "case_id": cases[r.case],
                    "relation": r.relation,
                },
                {"registered_at": self.now},
            )
            for r in records
        ]
        return self.sync(f.PERSONS, Person, items, natural)

    def write_proposals(self) -> dict[str, int]:
        answered: dict[str, list[datetime.date]] = defaultdict(list)
        for proposed in self.data.proposed_cases:
            if proposed.answered_on:
                answered[proposed.proposal].append(proposed.answered_on)
        items = []
        for r in self.data.proposals:
            last_answer = max(answered[r.legacy_id], default=None)
            closed = {
                Proposal.State.ANSWERED: last_answer,
                Proposal.State.EXPIRED: r.deadline,
                Proposal.State.WITHDRAWN: r.sent_on,
            }.get(Proposal.State(r.state))
            items.append(
                Item(
                    r.legacy_id,
                    {
                        "municipality_id": r.municipality_id,
                        "state": r.state,
                        "deadline": r.deadline,
                        "created_by_id": self.users[r.sent_by],
                        "sent_at": at_noon(r.sent_on),
                        "sent_by_id": self.users[r.sent_by],
                        "answered_at": _noon(last_answer)
                        if r.state == Proposal.State.ANSWERED
                        else None,
                        "closed_at": _noon(closed),
                    },
                )
            )
        return self.sync(f.PROPOSALS, Proposal, items)

    def write_proposed_cases(
        self, proposals: dict[str, int], cases: dict[str, int]
    ) -> dict[str, int]:
        items = [
            Item(
                r.legacy_id,
                {
                    "proposal_id": proposals[r.proposal],
                    "case_id": cases[r.case],
                    "answer": r.answer,
                    "decline_reason": r.decline_reason,
                    "decline_comment": r.decline_comment,
                    "answered_at": _noon(r.answered_on),
                    "answered_by_id": self.users[r.answered_by] if r.answered_by else None,
                },
            )
            for r in self.data.proposed_cases
        ]
        return self.sync(f.PROPOSED_CASES, ProposedCase, items)

    def write_settlement_decisions(self, proposed: dict[str, int], cases: dict[str, int]) -> None:
        proposed_records = {r.legacy_id: r for r in self.data.proposed_cases}
        items = []
        for r in self.data.settlement_decisions:
            case = proposed_records[r.proposed_case].case
            items.append(
                Item(
                    r.legacy_id,
                    {
                        "case_id": cases[case],
                        "proposed_case_id": proposed[r.proposed_case],
                        "municipality_id": self.facts[case].municipality_id,
                        "decided_on": r.decided_on,
                        "decided_by_id": self.users[r.decided_by],
                    },
                )
            )
        self.sync(f.SETTLEMENT_DECISIONS, SettlementDecision, items)

    def write_settlements(self, persons: dict[str, int]) -> None:
        person_records = {r.legacy_id: r for r in self.data.persons}
        items = []
        for r in self.data.settlements:
            person = person_records[r.person]
            items.append(
                Item(
                    r.legacy_id,
                    {
                        "person_id": persons[r.person],
                        "municipality_id": self.facts[person.case].municipality_id,
                        "settled_on": r.settled_on,
                        "settled_year": r.settled_on.year,
                        "age_at_settlement": age_on(person.birth_date, r.settled_on),
                        "category": person.category,
                        "citizenship": person.citizenship,
                        "source": Source.IMPORT,
                        "is_current": True,
                    },
                    {"registered_at": self.now},
                )
            )
        self.sync(f.SETTLEMENTS, Settlement, items)
