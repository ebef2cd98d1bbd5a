"""Matched cases for settlement tests: a case, its accepted proposal and the settlement decision.

The distribution app's actions build these in use; here the rows are made directly so these
tests depend only on the distribution models.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from bosetting.accounts.roles import Role
from bosetting.accounts.tests.factories import UserFactory
from bosetting.cases.models import Case, CaseState
from bosetting.cases.tests.factories import make_case
from bosetting.cases.transitions import change_case_state
from bosetting.distribution.models import Proposal, ProposedCase, SettlementDecision


def _decider() -> Any:
    return UserFactory(roles=[Role.IMDI_CASEWORKER])


def match_case(
    case: Case, *, municipality: Any, decided_on: datetime.date | None = None, by: Any = None
) -> Case:
    """Move `case` through ready and proposed to matched, with an accepted proposal and decision."""
    decided_on = decided_on or timezone.localdate() - datetime.timedelta(days=20)
    by = by or _decider()
    with transaction.atomic():
        proposal = Proposal.objects.create(
            municipality=municipality,
            state=Proposal.State.ANSWERED,
            deadline=decided_on,
            created_by=by,
            sent_by=by,
            sent_at=timezone.now(),
        )
        proposed = ProposedCase.objects.create(
            proposal=proposal, case=case, answer=ProposedCase.Answer.ACCEPTED
        )
        SettlementDecision.objects.create(
            case=case,
            proposed_case=proposed,
            municipality=municipality,
            decided_on=decided_on,
            decided_by=by,
        )
        for state in (CaseState.READY, CaseState.PROPOSED):
            change_case_state(by=None, case=case, to=state)
        case.municipality = municipality
        change_case_state(by=None, case=case, to=CaseState.MATCHED)
    return case


def make_matched_case(
    *,
    municipality: Any,
    decided_on: datetime.date | None = None,
    centre: Any = None,
    children: int = 0,
    **head: Any,
) -> Case:
    """A household living privately (or at `centre`) matched to `municipality`."""
    case = make_case(centre=centre, children=children, **head)
    return match_case(case, municipality=municipality, decided_on=decided_on)


def open_proposal(*, municipality: Any, deadline: datetime.date, by: Any = None) -> Proposal:
    return Proposal.objects.create(
        municipality=municipality,
        state=Proposal.State.SENT,
        deadline=deadline,
        created_by=by or _decider(),
        sent_at=timezone.now(),
    )
