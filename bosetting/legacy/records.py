"""The checked content of the files: one record per row, references still by the old system's ids."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from .reading import Problem


@dataclass
class OrganisationNumberRecord:
    organisation_id: int  # IMDi or a municipality: both are here before the import
    organisation_number: str


@dataclass
class CentreRecord:
    legacy_id: str
    name: str
    kind: str
    municipality_id: int
    organisation_number: str  # "" when the export has none: a number given here is kept


@dataclass
class UserRecord:
    legacy_id: str
    email: str
    first_name: str
    last_name: str
    organisation_id: int  # 0 when `centre` names the organisation
    centre: str  # a reception centre's name, resolved when the centres are written
    roles: list[str]


@dataclass
class RequestRecord:
    legacy_id: str
    year: int
    municipality_id: int
    places: int
    unaccompanied_minors: int
    planning_number_next_year: int | None
    deadline: datetime.date
    sent_on: datetime.date
    sent_by: str  # e-mail


@dataclass
class DecisionRecord:
    legacy_id: str
    request: str
    places: int
    takes_unaccompanied_minors: bool
    unaccompanied_minors: int
    council_decided_on: datetime.date
    state: str
    registered_by: str


@dataclass
class CaseRecord:
    legacy_id: str
    created_on: datetime.date


@dataclass
class PersonRecord:
    legacy_id: str
    case: str
    relation: str
    duf_number: str
    national_id: str
    given_names: str
    family_name: str
    birth_date: datetime.date
    sex: str
    citizenship: str
    languages: list[str]
    interpreter_language: str
    category: str
    residence: str
    reception_centre: str  # the centre's name ("" when not in one), resolved when written
    research_opt_out: bool


@dataclass
class AssessmentRecord:
    legacy_id: str
    person: str
    saved_on: datetime.date
    line: int  # orders two versions saved the same day
    data: dict[str, Any]
    health_consent: bool
    health_consent_date: datetime.date | None
    health_consent_taken_by: str
    health_details: str


@dataclass
class ProposalRecord:
    legacy_id: str
    municipality_id: int
    sent_on: datetime.date
    deadline: datetime.date
    state: str
    sent_by: str


@dataclass
class ProposedCaseRecord:
    legacy_id: str
    proposal: str
    case: str
    answer: str
    decline_reason: str
    decline_comment: str
    answered_on: datetime.date | None
    answered_by: str


@dataclass
class SettlementDecisionRecord:
    legacy_id: str
    proposed_case: str
    decided_on: datetime.date
    decided_by: str


@dataclass
class SettlementRecord:
    legacy_id: str
    person: str
    settled_on: datetime.date


@dataclass
class Dataset:
    organisation_numbers: list[OrganisationNumberRecord] = field(default_factory=list)
    centres: list[CentreRecord] = field(default_factory=list)
    users: list[UserRecord] = field(default_factory=list)
    requests: list[RequestRecord] = field(default_factory=list)
    decisions: list[DecisionRecord] = field(default_factory=list)
    cases: list[CaseRecord] = field(default_factory=list)
    persons: list[PersonRecord] = field(default_factory=list)
    assessments: list[AssessmentRecord] = field(default_factory=list)
    proposals: list[ProposalRecord] = field(default_factory=list)
    proposed_cases: list[ProposedCaseRecord] = field(default_factory=list)
    settlement_decisions: list[SettlementDecisionRecord] = field(default_factory=list)
    settlements: list[SettlementRecord] = field(default_factory=list)
    # What the operator is told without the import being refused (roles withheld, say).
    notices: list[Problem] = field(default_factory=list)
