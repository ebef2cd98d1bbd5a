"""Who the package is made for decides which way each record went: a request letter is
outgoing in IMDi's journal and incoming in the municipality's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from bosetting.accounts.permissions import scope_for
from bosetting.organisations.models import Municipality

from .structure import INCOMING, INTERNAL, OUTGOING

IMDI_NAME = "Integrerings- og mangfoldsdirektoratet (IMDi)"


def municipality_name(municipality: Municipality) -> str:
    return _("%(name)s kommune") % {"name": municipality.name}


@dataclass(frozen=True)
class Perspective:
    is_imdi: bool
    unit: str  # the organisation whose archive the package is for (administrativEnhet)

    @property
    def from_imdi(self) -> str:
        return OUTGOING if self.is_imdi else INCOMING

    @property
    def to_imdi(self) -> str:
        return INCOMING if self.is_imdi else OUTGOING

    @property
    def internal(self) -> str:
        return INTERNAL


def perspective_of(user: Any) -> Perspective:
    if scope_for(user).everything:
        return Perspective(is_imdi=True, unit=IMDI_NAME)
    organisation = user.organisation
    return Perspective(is_imdi=False, unit=organisation.name if organisation else "")


def person_label(user: Any) -> str:
    """A user as records name them: full name, or the user name when there is none."""
    if user is None:
        return _("Systemet")
    full_name: str = user.get_full_name()
    return full_name or str(user.username)
