"""The database refuses a proposal or an answer whose who and when disagree, whatever wrote it."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from bosetting.cases.tests.factories import make_case

from ..models import Proposal, ProposedCase
from .helpers import deadline

pytestmark = pytest.mark.django_db

IMDI = "imdi"  # stands for cast.imdi_caseworker, which the parameters cannot reach


def _proposal(cast: Any, **fields: Any) -> Proposal:
    return Proposal.objects.create(
        municipality=cast.bergen, deadline=deadline(), created_by=cast.imdi_caseworker, **fields
    )


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        # A draft may be unsent, so only the who-needs-when rule is broken here.
        ({"sent_by": IMDI}, "proposal_sent_by_only_with_sent_at"),
        ({"state": Proposal.State.SENT}, "proposal_sent_has_sent_at"),
        ({"state": Proposal.State.EXPIRED}, "proposal_sent_has_sent_at"),
    ],
)
def test_the_database_refuses_a_proposal_breaking(cast, fields, constraint):
    values = {name: cast.imdi_caseworker if v == IMDI else v for name, v in fields.items()}
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        _proposal(cast, **values)
    assert constraint in str(error.value)


def test_the_database_refuses_an_answerer_without_the_time_of_the_answer(cast):
    proposal = _proposal(cast, state=Proposal.State.SENT, sent_at=timezone.now())
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        ProposedCase.objects.create(
            proposal=proposal,
            case=make_case(centre=cast.centre),
            answer=ProposedCase.Answer.WITHDRAWN,
            answered_by=cast.imdi_caseworker,
        )
    assert "proposed_case_answered_by_only_with_answered_at" in str(error.value)


def test_a_time_without_a_user_is_the_system_and_accepted(cast):
    # The expiry job and generated history stamp when, not who; an expired answer has neither.
    proposal = _proposal(cast, state=Proposal.State.EXPIRED, sent_at=timezone.now())
    answered = ProposedCase.objects.create(
        proposal=proposal,
        case=make_case(centre=cast.centre),
        answer=ProposedCase.Answer.ACCEPTED,
        answered_at=timezone.now(),
    )
    expired = ProposedCase.objects.create(
        proposal=proposal, case=make_case(centre=cast.centre), answer=ProposedCase.Answer.EXPIRED
    )
    assert proposal.sent_by is None
    assert (answered.answered_by, expired.answered_at) == (None, None)
