"""The one place a case changes state, for every app that moves it (cases, distribution, settlement).

Call `change_case_state` inside your action's transaction: it refuses a move the case's life does
not allow, sets the state and writes the audit event beside the caller's own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _

from bosetting.audit.actions import record_event
from bosetting.audit.models import EventType

from .models import Case, CaseState

if TYPE_CHECKING:
    from bosetting.accounts.models import Actor

# DOMAIN.md: being_assessed → ready → proposed → matched → settled; proposed → ready on a no,
# a withdrawal or an expiry; ready → being_assessed when the assessment changes.
ALLOWED_MOVES: dict[str, frozenset[str]] = {
    CaseState.BEING_ASSESSED: frozenset({CaseState.READY}),
    CaseState.READY: frozenset({CaseState.BEING_ASSESSED, CaseState.PROPOSED}),
    CaseState.PROPOSED: frozenset({CaseState.READY, CaseState.MATCHED}),
    CaseState.MATCHED: frozenset({CaseState.SETTLED}),
    # A corrected settlement date can make a settled case matched again.
    CaseState.SETTLED: frozenset({CaseState.MATCHED}),
}


class CaseStateError(ValueError):
    """A move the case's state does not allow; the message is for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def change_case_state(*, by: Actor, case: Case, to: CaseState, reason: str = "") -> Case:
    """Move `case` to `to`, saving `case.municipality` with it (set at matching). Must run inside
    the calling action's transaction."""
    old_state = CaseState(case.state)
    if to not in ALLOWED_MOVES[old_state]:
        raise CaseStateError(
            _("Saken er %(state)s og kan ikke bli %(new_state)s.")
            % {"state": old_state.label.lower(), "new_state": to.label.lower()}
        )
    case.state = to
    case.state_changed_at = timezone.now()
    case.save(update_fields=["state", "state_changed_at", "municipality"])
    record_event(
        by=by,
        event_type=EventType.CASE_STATE_CHANGED,
        summary=_("Sak %(reference)s: %(state)s")
        % {"reference": case.reference, "state": to.label},
        obj=case,
        municipality=case.municipality,
        details={"from": old_state.value, "to": to.value, "reason": reason},
    )
    return case
