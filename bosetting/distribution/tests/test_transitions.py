"""A proposal moves only along its table; every other move is refused."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.utils import timezone

from ..errors import DistributionError
from ..models import Proposal
from ..transitions import ALLOWED_MOVES, change_proposal_state
from .helpers import deadline

pytestmark = pytest.mark.django_db

State = Proposal.State


def _pairs(*, allowed: bool) -> list[tuple[str, str]]:
    return [
        (start, to)
        for start in ALLOWED_MOVES
        for to in ALLOWED_MOVES
        if (to in ALLOWED_MOVES[start]) == allowed
    ]


def _proposal(cast, state: str) -> Proposal:
    sent = state != State.DRAFT
    return Proposal.objects.create(
        municipality=cast.bergen,
        state=state,
        deadline=deadline(),
        created_by=cast.imdi_caseworker,
        sent_at=timezone.now() if sent else None,
        sent_by=cast.imdi_caseworker if sent else None,
    )


def test_the_table_knows_every_state_and_nothing_else():
    assert set(ALLOWED_MOVES) == set(State.values)
    assert set().union(*ALLOWED_MOVES.values()) <= set(State.values)


@pytest.mark.parametrize(("start", "to"), _pairs(allowed=True))
def test_allowed_proposal_move_is_saved_with_its_stamps(cast, start, to):
    proposal = _proposal(cast, start)
    now = timezone.now()
    # What the action that makes the move stamps beside the state.
    stamp = "sent_at" if to == State.SENT else "closed_at"
    with transaction.atomic():
        change_proposal_state(proposal=proposal, to=State(to), **{stamp: now})
    proposal.refresh_from_db()
    assert (proposal.state, getattr(proposal, stamp)) == (to, now)


@pytest.mark.parametrize(("start", "to"), _pairs(allowed=False))
def test_proposal_move_outside_the_table_is_refused(cast, start, to):
    proposal = _proposal(cast, start)
    with pytest.raises(DistributionError), transaction.atomic():
        change_proposal_state(proposal=proposal, to=State(to), closed_at=timezone.now())
    proposal.refresh_from_db()
    assert (proposal.state, proposal.closed_at) == (start, None)


@pytest.mark.parametrize(
    ("start", "to", "message"),
    [
        (State.SENT, State.SENT, "Forespørselen er allerede sendt."),
        (State.ANSWERED, State.SENT, "Forespørselen er allerede sendt."),
        (
            State.DRAFT,
            State.EXPIRED,
            "Forespørselen har status «Utkast» og kan ikke få status «Utløpt».",
        ),
    ],
)
def test_refused_proposal_move_says_why_in_norwegian(cast, start, to, message):
    with pytest.raises(DistributionError) as error, transaction.atomic():
        change_proposal_state(proposal=_proposal(cast, start), to=to)
    assert error.value.message == message
