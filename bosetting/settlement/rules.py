"""Who may register whose settlement, answered the same way for lists, screens and the action."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from bosetting.accounts.permissions import Permission, scope_for
from bosetting.cases.models import Residence

from .models import Source

# The municipality registers persons who did not live at a reception centre (DOMAIN.md step 6);
# the centre registers its own residents' moving out.
PRIVATE_RESIDENCES = (Residence.PRIVATE, Residence.ALTERNATIVE)


def registrable_persons_condition(user: Any) -> Q | None:
    """A filter on Person for the persons `user` may register or correct; None for nobody."""
    if user is None:
        return Q()  # the system itself: imports and the demo
    scope = scope_for(user, Permission.SETTLEMENT_REGISTER)
    if scope.municipality_id is not None:
        return Q(case__municipality_id=scope.municipality_id, residence__in=PRIVATE_RESIDENCES)
    if scope.reception_centre_organisation_id is not None:
        return Q(reception_centre__organisation_id=scope.reception_centre_organisation_id)
    return None


def source_for(user: Any) -> str:
    if user is None:
        return Source.IMPORT
    if scope_for(user).reception_centre_organisation_id is not None:
        return Source.RECEPTION_CENTRE
    return Source.MUNICIPALITY
