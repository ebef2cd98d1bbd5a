"""Reads of the municipalities' special-needs profiles: a municipality its own, IMDi every one.

IMDi's list takes the municipalities' names from organisations' cached options, so that it asks
the same queries for 357 municipalities as for one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404

from bosetting.accounts.permissions import Permission, require, scope_for
from bosetting.organisations.fields import municipality_options
from bosetting.organisations.models import Municipality

from .models import NeedsProfile


@dataclass(frozen=True)
class ProfileRow:
    number: str
    name: str
    profile: NeedsProfile | None


def own_needs_profile(user: Any) -> tuple[Municipality, NeedsProfile | None]:
    """The user's own municipality and its profile (None before the first save); 404 for a user
    without a municipality."""
    require(user, Permission.NEEDS_PROFILE_EDIT)
    municipality_id = scope_for(user, Permission.NEEDS_PROFILE_EDIT).municipality_id
    if municipality_id is None:
        raise Http404
    municipality = Municipality.objects.select_related("needs_profile__updated_by").get(
        pk=municipality_id
    )
    try:
        return municipality, municipality.needs_profile
    except NeedsProfile.DoesNotExist:
        return municipality, None


def needs_profiles_for(user: Any) -> list[ProfileRow]:
    """Every municipality by number, with its profile or None: for IMDi's plan makers."""
    require(user, Permission.PROPOSAL_MANAGE)
    profiles = {
        profile.municipality_id: profile
        for profile in NeedsProfile.objects.select_related("updated_by")
    }
    return [
        ProfileRow(number=number, name=name, profile=profiles.get(pk))
        for pk, number, name in municipality_options()
    ]
