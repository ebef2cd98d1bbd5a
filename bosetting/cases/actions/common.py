"""What the cases actions share: the refusal, the access check, state changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from bosetting.accounts.permissions import AccessDenied, Permission, require_actor

from ..models import (
    Case,
    CaseState,
)
from ..queries import cases_visible_to
from ..transitions import change_case_state

if TYPE_CHECKING:
    from bosetting.accounts.models import Actor


class CaseError(ValueError):
    """A refused change, with the message the user is shown and the form field it concerns."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _require(by: Actor, permission: Permission, case: Case | None = None) -> None:
    """`by=None` is the system itself (demo data, commands). Users need the permission and,
    for an existing case, to be able to see it."""
    require_actor(by, permission)
    if by is not None and case is not None and not cases_visible_to(by).filter(pk=case.pk).exists():
        raise AccessDenied(_("Du har ikke tilgang til denne saken."))


def _user_label(by: Actor) -> str:
    if by is None:
        return "System"
    full_name: str = by.get_full_name()
    return f"{full_name} ({by.username})" if full_name else str(by.username)


def _check_editable(case: Case) -> None:
    if case.state not in (CaseState.BEING_ASSESSED, CaseState.READY):
        raise CaseError(
            _("Saken er %(state)s og kan ikke endres her.")
            % {"state": CaseState(case.state).label.lower()}
        )


def _change_state(by: Actor, case: Case, new_state: CaseState, *, reason: str = "") -> None:
    change_case_state(by=by, case=case, to=new_state, reason=reason)


def _back_to_assessment(by: Actor, case: Case, *, reason: str) -> None:
    if case.state == CaseState.READY:
        _change_state(by, case, CaseState.BEING_ASSESSED, reason=reason)
