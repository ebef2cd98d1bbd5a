"""The one place a proposal changes state.

Call `change_proposal_state` inside the calling action's transaction: it refuses a move the table
does not allow with a DistributionError, the refusal the distribution views already show as a
message; otherwise it sets the state and the fields the move stamps (who and when) and saves just
those. The audit event stays with the action, which knows what to tell.

The legacy import and the national demo generator write historical proposals in bulk without
this function (ADR 0009); their tests check that they write only states of this table.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from .errors import DistributionError
from .models import Proposal

State = Proposal.State

# What distribution/actions do: sending a draft makes it sent; a sent proposal is answered when no
# case waits for an answer, withdrawn when IMDi withdrew every case, expired when the deadline
# passed first. A closed proposal never opens again: IMDi makes a new one.
ALLOWED_MOVES: dict[str, frozenset[str]] = {
    State.DRAFT: frozenset({State.SENT}),
    State.SENT: frozenset({State.ANSWERED, State.EXPIRED, State.WITHDRAWN}),
    State.ANSWERED: frozenset(),
    State.EXPIRED: frozenset(),
    State.WITHDRAWN: frozenset(),
}


def check_proposal_move(proposal: Proposal, to: Proposal.State) -> None:
    """Refuse `to` unless the table allows it from the proposal's state."""
    if to in ALLOWED_MOVES[proposal.state]:
        return
    if to == State.SENT:
        # The refusal send_proposal gave before the table, so the user reads the same.
        raise DistributionError(_("Forespørselen er allerede sendt."))
    raise DistributionError(
        _("Forespørselen har status «%(state)s» og kan ikke få status «%(new_state)s».")
        % {"state": State(proposal.state).label, "new_state": to.label}
    )


def change_proposal_state(*, proposal: Proposal, to: Proposal.State, **changes: Any) -> Proposal:
    """Move `proposal` to `to`, setting and saving `changes` (e.g. sent_at, closed_at) with it."""
    check_proposal_move(proposal, to)
    proposal.state = to
    for name, value in changes.items():
        setattr(proposal, name, value)
    proposal.save(update_fields=["state", *changes])
    return proposal
