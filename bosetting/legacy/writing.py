"""Writing a checked data set, file by file, each referring to the rows written before it."""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from bosetting.accounts.models import User, UserRole
from bosetting.cases.models import AssessmentVersion, Case, Person
from bosetting.cases.queries import normalise_name
from bosetting.distribution.models import Proposal, ProposedCase, SettlementDecision
from bosetting.planning.models import MunicipalDecision, SettlementRequest
from bosetting.settlement.actions import age_on
from bosetting.settlement.models import Settlement, Source

from . import format as f
from .models import LegacyReference
from .progress import Progress
from .records import Dataset
from .states import CaseFacts, at_noon, case_facts, latest_assessments, request_states
from .syncing import Counts, Item, chunks, sync


def _noon(day: datetime.date | None) -> datetime.datetime | None:
    return at_noon(day) if day else None


class Writer:
    def __init__(self, data: Dataset, *, today: datetime.date, progress: Progress) -> None:
        self.data = data
        self.today = today
        self.progress = progress
        self.now = datetime.datetime.now(tz=datetime.UTC)
        self.counts: dict[str, Counts] = {}
        self.users: dict[str, int] = {}  # by e-mail
        self.facts: dict[str, CaseFacts] = {}  # by case legacy id, set when cases are written
        self._untouched: set[str] = set()  # legacy ids of the last file neither made nor changed

    def _sync(
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

    def write(self) -> dict[str, Counts]:
        self.write_users()
        requests = self.write_requests()
        self.write_decisions(requests)
        cases = self.write_cases()
        persons = self.write_persons(cases)
        self.write_assessments(persons)
        proposals = self.write_proposals()
        proposed = self.write_proposed_cases(proposals, cases)
        self.write_settlement_decisions(proposed, cases)
        self.write_settlements(persons)
        return self.counts

    def write_users(self) -> None:
        records = self.data.users
        # The e-mail is compared without regard to case, as the checks do: an account made here
        # as «Ola.Hansen@…» is the one the file names «ola.hansen@…», not a second one.
        by_email = {
            email_key: pk
            for email_key, pk in User.objects.annotate(email_key=Lower("email"))
            .filter(email_key__in=[record.email for record in records])
            .values_list("email_key", "id")
        }
        items = [
            Item(
                record.legacy_id,
                {
                    "first_name": record.first_name,
                    "last_name": record.last_name,
                    "organisation_id": record.organisation_id,
                },
                # No password and no second factor: users set both through "Glemt passord"
                # or an invitation (docs/import-format.md).
                {
                    "username": record.email,
                    "email": record.email,
                    "password": make_password(None),
                    "date_joined": self.now,
                },
            )
            for record in records
        ]
        natural = {
            record.legacy_id: by_email[record.email]
            for record in records
            if record.email in by_email
        }
        pks = self._sync(f.USERS, User, items, natural)
        # Roles are only added: a role given here since must not be taken away by a re-run.
        have = {
            (user_id, role)
            for user_id, role in UserRole.objects.filter(user_id__in=pks.values()).values_list(
                "user_id", "role"
            )
        }
        missing = []
        gained: set[str] = set()
        for record in records:
            for role in record.roles:
                if (pks[record.legacy_id], role) not in have:
                    missing.append(UserRole(user_id=pks[record.legacy_id], role=role))
                    gained.add(record.legacy_id)
        UserRole.objects.bulk_create(missing)
        counts = self.counts[f.USERS.entity]
        moved = len(gained & self._untouched)
        counts.changed += moved
        counts.unchanged -= moved
        self.users = {email.lower(): pk for email, pk in User.objects.values_list("email", "id")}

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
        return self._sync(f.REQUESTS, SettlementRequest, items, natural)

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
        self._sync(f.DECISIONS, MunicipalDecision, items, natural)

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
        return self._sync(f.CASES, Case, items)

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
                    "reception_centre_id": r.reception_centre_id,
                    "research_opt_out": r.research_opt_out,
                    "case_id": cases[r.case],
                    "relation": r.relation,
                },
                {"registered_at": self.now},
            )
            for r in records
        ]
        return self._sync(f.PERSONS, Person, items, natural)

    def write_assessments(self, persons: dict[str, int]) -> None:
        records = {record.legacy_id: record for record in self.data.assessments}
        versions = latest_assessments(self.data)
        items = []
        for person_id, history in versions.items():
            for number, legacy_id in enumerate(history, start=1):
                r = records[legacy_id]
                items.append(
                    Item(
                        legacy_id,
                        {
                            "person_id": persons[person_id],
                            "number": number,
                            "saved_at": at_noon(r.saved_on),
                            "data": r.data,
                            "health_consent": r.health_consent,
                            "health_consent_date": r.health_consent_date,
                            "health_consent_taken_by": r.health_consent_taken_by,
                            "health_details": r.health_details,
                        },
                    )
                )
        _make_way_for_new_numbers(items)
        pks = self._sync(f.ASSESSMENTS, AssessmentVersion, items)
        # Each person's newest version is their current one (cases.actions keeps it so too).
        current = {persons[p]: pks[history[-1]] for p, history in versions.items()}
        have = dict(
            Person.objects.filter(pk__in=list(current)).values_list("id", "current_assessment_id")
        )
        stale = [pk for pk, version in current.items() if have.get(pk) != version]
        newest = AssessmentVersion.objects.filter(person=OuterRef("pk")).order_by("-number")
        for chunk in chunks(stale):
            # One UPDATE per chunk; bulk_update would send a CASE with a branch per person.
            Person.objects.filter(pk__in=list(chunk)).update(
                current_assessment=Subquery(newest.values("pk")[:1])
            )

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
        return self._sync(f.PROPOSALS, Proposal, items)

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
        return self._sync(f.PROPOSED_CASES, ProposedCase, items)

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
        self._sync(f.SETTLEMENT_DECISIONS, SettlementDecision, items)

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
        self._sync(f.SETTLEMENTS, Settlement, items)


# Far above any real version number, so a shifted version meets no other on its way.
RENUMBERING_OFFSET = 1_000_000


def _make_way_for_new_numbers(items: list[Item]) -> None:
    """Move the imported versions whose number changes out of the way of (person, number).

    A corrected saved date in a newer export reorders a person's versions: K1 becomes 1 while
    K1a, still 1, becomes 2. The update would meet the unique constraint half-way (per row on
    both databases), so those versions first step aside; the update then sets every number.
    """
    references = dict(
        LegacyReference.objects.filter(entity=f.ASSESSMENTS.entity).values_list(
            "legacy_id", "object_id"
        )
    )
    wanted = {
        references[item.legacy_id]: item.values["number"]
        for item in items
        if item.legacy_id in references
    }
    moving: list[int] = []
    for chunk in chunks(sorted(wanted)):
        moving += [
            pk
            for pk, number in AssessmentVersion.objects.filter(pk__in=list(chunk)).values_list(
                "pk", "number"
            )
            if number != wanted[pk]
        ]
    for chunk in chunks(moving):
        AssessmentVersion.objects.filter(pk__in=list(chunk)).update(
            number=F("number") + RENUMBERING_OFFSET
        )
