"""The one place an annual request or a municipal decision changes state.

Call `change_request_state` or `change_decision_state` inside the calling action's transaction:
each refuses a move its table does not allow with a PlanningError, the refusal the planning views
already show as a message; otherwise it sets the state and the fields the move stamps (who and
when) and saves just those. The audit event stays with the action, which knows what to tell.

The legacy import and the national demo generator write historical rows in bulk without these
functions (ADR 0009); their tests check that they write only states of these tables.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.utils.translation import gettext as _

from .errors import PlanningError
from .models import MunicipalDecision, SettlementRequest

Request = SettlementRequest.State
Decision = MunicipalDecision.State
Row = TypeVar("Row", SettlementRequest, MunicipalDecision)

# What planning/actions do: sending makes a draft sent; approving a decision makes the request
# decided; acknowledging that decision makes it acknowledged. A later decision approved on a
# decided or acknowledged request replaces the current one, and the request is decided again,
# awaiting IMDi's acknowledgement of the new one. An adjustment changes numbers, not the state.
REQUEST_MOVES: dict[str, frozenset[str]] = {
    Request.DRAFT: frozenset({Request.SENT}),
    Request.SENT: frozenset({Request.DECIDED}),
    Request.DECIDED: frozenset({Request.DECIDED, Request.ACKNOWLEDGED}),
    Request.ACKNOWLEDGED: frozenset({Request.DECIDED}),
}

# A draft is approved; IMDi acknowledges the approved one; the next approved decision replaces
# whichever of the two is current. A replaced decision is history and never moves again.
DECISION_MOVES: dict[str, frozenset[str]] = {
    Decision.DRAFT: frozenset({Decision.APPROVED}),
    Decision.APPROVED: frozenset({Decision.ACKNOWLEDGED, Decision.REPLACED}),
    Decision.ACKNOWLEDGED: frozenset({Decision.REPLACED}),
    Decision.REPLACED: frozenset(),
}


def check_request_move(request: SettlementRequest, to: SettlementRequest.State) -> None:
    """Refuse `to` unless the table allows it from the request's state."""
    if to in REQUEST_MOVES[request.state]:
        return
    if to == Request.SENT:
        # The refusal send_requests gave before the table, so the user reads the same.
        raise PlanningError(
            _("Anmodningen til %(municipality)s er allerede sendt.")
            % {"municipality": request.municipality.name}
        )
    raise PlanningError(
        _("Anmodningen har status «%(state)s» og kan ikke få status «%(new_state)s».")
        % {"state": Request(request.state).label, "new_state": to.label}
    )


def change_request_state(
    *, request: SettlementRequest, to: SettlementRequest.State, **changes: Any
) -> SettlementRequest:
    """Move `request` to `to`, setting and saving `changes` (e.g. sent_at, sent_by) with it."""
    check_request_move(request, to)
    return _save(request, to, changes)


def check_decision_move(decision: MunicipalDecision, to: MunicipalDecision.State) -> None:
    """Refuse `to` unless the table allows it from the decision's state."""
    if to in DECISION_MOVES[decision.state]:
        return
    # The refusals approve_decision and acknowledge_decision gave before the table.
    if to == Decision.APPROVED:
        raise PlanningError(_("Bare et utkast kan godkjennes."))
    if to == Decision.ACKNOWLEDGED:
        raise PlanningError(_("Bare et godkjent vedtak som ikke er kvittert ut, kan kvitteres."))
    raise PlanningError(
        _("Vedtaket har status «%(state)s» og kan ikke få status «%(new_state)s».")
        % {"state": Decision(decision.state).label, "new_state": to.label}
    )


def change_decision_state(
    *, decision: MunicipalDecision, to: MunicipalDecision.State, **changes: Any
) -> MunicipalDecision:
    """Move `decision` to `to`, setting and saving `changes` (e.g. approved_at) with it."""
    check_decision_move(decision, to)
    return _save(decision, to, changes)


def _save(row: Row, to: str, changes: dict[str, Any]) -> Row:
    row.state = to
    for name, value in changes.items():
        setattr(row, name, value)
    row.save(update_fields=["state", *changes])
    return row
