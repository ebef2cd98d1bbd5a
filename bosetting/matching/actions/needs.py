"""The municipality's special-needs profile, which distribution plans read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bosetting.accounts.permissions import Permission, require_actor
from bosetting.audit.actions import record_event
from bosetting.audit.models import EventType
from bosetting.organisations.models import Municipality

from ..models import NeedsProfile

if TYPE_CHECKING:
    from bosetting.accounts.models import User


NEEDS_PROFILE_FIELDS = ("adapted_housing", "specialist_health", "large_dwellings", "note")


def save_needs_profile(
    *,
    by: User,
    municipality: Municipality,
    adapted_housing: bool,
    specialist_health: bool,
    large_dwellings: bool,
    note: str = "",
) -> NeedsProfile:
    """Save what special needs `municipality` can meet; the next plan run reads it."""
    require_actor(by, Permission.NEEDS_PROFILE_EDIT, municipality=municipality)
    after = {
        "adapted_housing": adapted_housing,
        "specialist_health": specialist_health,
        "large_dwellings": large_dwellings,
        "note": note.strip(),
    }
    with transaction.atomic():
        profile = NeedsProfile.objects.select_for_update().filter(
            municipality=municipality
        ).first() or NeedsProfile(municipality=municipality)
        before = {name: getattr(profile, name) for name in NEEDS_PROFILE_FIELDS}
        for name, value in after.items():
            setattr(profile, name, value)
        profile.updated_by = by
        profile.updated_at = timezone.now()
        profile.save()
        record_event(
            by=by,
            event_type=EventType.NEEDS_PROFILE_SAVED,
            summary=_("Profilen for særskilte behov i %(name)s er lagret")
            % {"name": municipality.name},
            obj=profile,
            municipality=municipality,
            details={
                "changed": {
                    name: {"before": before[name], "after": after[name]}
                    for name in NEEDS_PROFILE_FIELDS
                    if before[name] != after[name]
                }
            },
        )
    return profile
