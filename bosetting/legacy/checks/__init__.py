"""Every check of a transfer, file by file in FILES order, collecting every problem before any write."""

from __future__ import annotations

import datetime

from ..format import (
    ASSESSMENTS,
    CASES,
    CENTRES,
    DECISIONS,
    FILES,
    ORGANISATIONS,
    PERSONS,
    PROPOSALS,
    PROPOSED_CASES,
    REQUESTS,
    SETTLEMENT_DECISIONS,
    SETTLEMENTS,
    USERS,
)
from ..reading import Files, Problem
from ..records import Dataset
from .cases import check_assessments, check_cases, check_persons
from .context import Context
from .distribution import (
    check_proposals,
    check_proposed_cases,
    check_settlement_decisions,
    check_settlements,
)
from .organisations import (
    NumberClaim,
    check_centres,
    check_number_claims,
    check_organisation_numbers,
)
from .planning import check_decisions, check_requests, check_users


def ids(files: Files, entity: str) -> set[str] | None:
    if entity in files.unreadable:
        return None
    return {row.values["gammel_id"] for row in files.rows[entity] if row.values["gammel_id"]}


def check_all(files: Files, context: Context) -> tuple[Dataset, list[Problem]]:
    problems = list(files.problems)
    rows = files.rows
    data = Dataset()
    context.users_unreadable = USERS.entity in files.unreadable
    context.centres_unreadable = CENTRES.entity in files.unreadable
    claims: list[NumberClaim] = []
    data.organisation_numbers = check_organisation_numbers(
        rows[ORGANISATIONS.entity], context, problems, claims
    )
    data.centres = check_centres(rows[CENTRES.entity], context, problems, claims)
    check_number_claims(claims, context, problems)
    data.users = check_users(rows[USERS.entity], context, problems, data.notices)
    data.requests = check_requests(rows[REQUESTS.entity], context, problems)
    data.decisions = check_decisions(
        rows[DECISIONS.entity], ids(files, REQUESTS.entity), context, problems
    )
    data.cases = check_cases(rows[CASES.entity], context, problems)
    data.persons = check_persons(rows[PERSONS.entity], ids(files, CASES.entity), context, problems)
    data.assessments = check_assessments(
        rows[ASSESSMENTS.entity], ids(files, PERSONS.entity), context, problems
    )
    data.proposals = check_proposals(rows[PROPOSALS.entity], context, problems)
    data.proposed_cases = check_proposed_cases(
        rows[PROPOSED_CASES.entity],
        data.proposals,
        ids(files, PROPOSALS.entity),
        ids(files, CASES.entity),
        context,
        problems,
    )
    data.settlement_decisions = check_settlement_decisions(
        rows[SETTLEMENT_DECISIONS.entity],
        data.proposed_cases,
        ids(files, PROPOSED_CASES.entity),
        context,
        problems,
    )
    case_of_proposed = {proposed.legacy_id: proposed.case for proposed in data.proposed_cases}
    decided_on_by_case: dict[str, datetime.date] | None = {
        case_of_proposed[decision.proposed_case]: decision.decided_on
        for decision in data.settlement_decisions
    }
    if files.unreadable & {PROPOSALS.entity, PROPOSED_CASES.entity, SETTLEMENT_DECISIONS.entity}:
        decided_on_by_case = None  # whether a settled person's case was decided is unknown
    data.settlements = check_settlements(
        rows[SETTLEMENTS.entity],
        data.persons,
        ids(files, PERSONS.entity),
        decided_on_by_case,
        context,
        problems,
    )
    order = {spec.filename: index for index, spec in enumerate(FILES)}
    return data, sorted(
        set(problems),
        key=lambda p: (order.get(p.file, len(order)), p.file, p.line, p.field, p.message),
    )
