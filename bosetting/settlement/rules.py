"""Who may register whose settlement, answered the same way for lists, screens and the action."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from bosetting.accounts.permissions import Permission, access_state, has_permission
from bosetting.cases.models import Residence
from bosetting.organisations.models import Organisation

# The municipality registers persons who did not live at a reception centre (DOMAIN.md step 6);
# the centre registers its own residents' moving out.
PRIVATE_RESIDENCES = (Residence.PRIVATE, Residence.ALTERNATIVE)


def registrable_persons_condition(user: Any) -> Q | None:
    """A filter on Person for the persons `user` may register or correct; None for nobody."""
    if user is None:
        return Q()  # the system itself: imports and the demo
    if not has_permission(user, Permission.SETTLEMENT_REGISTER):
        return None
    state = access_state(user)
    if state.organisation_kind == Organisation.Kind.MUNICIPALITY and state.municipality_id:
        return Q(case__municipality_id=state.municipality_id, residence__in=PRIVATE_RESIDENCES)
    if state.organisation_kind == Organisation.Kind.RECEPTION_CENTRE and state.organisation_id:
        return Q(reception_centre__organisation_id=state.organisation_id)
    return None


def source_for(user: Any) -> str:
    from .models import Source

    if user is None:
        return Source.IMPORT
    if access_state(user).organisation_kind == Organisation.Kind.RECEPTION_CENTRE:
        return Source.RECEPTION_CENTRE
    return Source.MUNICIPALITY
