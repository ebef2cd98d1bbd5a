"""Who may come in with Ansattporten: each login and each refusal is an audit event."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bosetting.audit.actions import record_event
from bosetting.audit.models import EventType

from ..actions import find_invitation
from ..models import Invitation, User
from .client import Identity
from .pid import hash_pid
from .refusals import Reason, Refused


def log_in(*, identity: Identity, invitation_token: str | None) -> User:
    """The account this verified person may use, bound to them on accepting an invitation.

    Refused (and nothing written) when no account is bound to the person, the account is
    deactivated, or the organisation the person chose is not the account's.
    """
    pid_hash = hash_pid(identity.pid)
    with transaction.atomic():
        if invitation_token is not None:
            user = _accept_invitation(identity, pid_hash, invitation_token)
        else:
            bound = (
                User.objects.select_related("organisation")
                .filter(ansattporten_pid_hash=pid_hash)
                .first()
            )
            if bound is None:
                raise Refused(
                    Reason.NOT_INVITED,
                    chosen=identity.organisation_numbers,
                    details={**_facts(identity), "pid_hash": pid_hash},
                )
            user = bound
            if not user.is_active:
                raise Refused(Reason.DEACTIVATED, user=user, details=_facts(identity))
            _check_organisation(user, identity)
        record_event(
            by=user,
            event_type=EventType.ANSATTPORTEN_LOGIN,
            summary=_("%(user)s logget inn med Ansattporten for organisasjonsnummer %(orgno)s")
            % {"user": user, "orgno": ", ".join(identity.organisation_numbers)},
            obj=user,
            municipality=user.own_municipality,
            details=_facts(identity),
        )
    return user


def _accept_invitation(identity: Identity, pid_hash: str, token: str) -> User:
    invitation = find_invitation(token)
    if invitation is not None:
        # Locked and read again, so two logins from the same link cannot both use it.
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation is None or not invitation.is_usable:
        raise Refused(Reason.INVITATION_INVALID, details=_facts(identity))
    user = invitation.user
    other = User.objects.filter(ansattporten_pid_hash=pid_hash).exclude(pk=user.pk).exists()
    if other or user.ansattporten_pid_hash not in (None, pid_hash):
        raise Refused(Reason.PERSON_ALREADY_BOUND, user=user, details=_facts(identity))
    _check_organisation(user, identity)
    user.ansattporten_pid_hash = pid_hash
    user.save(update_fields=["ansattporten_pid_hash"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    record_event(
        by=user,
        event_type=EventType.INVITATION_ACCEPTED,
        summary=_("%(user)s tok i bruk invitasjonen med Ansattporten") % {"user": user},
        obj=user,
        municipality=user.own_municipality,
        details={"method": "ansattporten"},
    )
    return user


def _check_organisation(user: User, identity: Identity) -> None:
    number = user.organisation.organisation_number if user.organisation else None
    if not number:
        raise Refused(Reason.ORGANISATION_NUMBER_MISSING, user=user, details=_facts(identity))
    if number not in identity.organisation_numbers:
        raise Refused(
            Reason.WRONG_ORGANISATION,
            user=user,
            chosen=identity.organisation_numbers,
            details={**_facts(identity), "expected": number},
        )


def _facts(identity: Identity) -> dict[str, Any]:
    return {"acr": identity.acr, "organisation_numbers": identity.organisation_numbers}


def record_refusal(refusal: Refused) -> None:
    """The refused login, in a transaction of its own (the refused one wrote nothing)."""
    user = refusal.user
    details = {"reason": str(refusal.reason), **refusal.details}
    if refusal.chosen:
        details.setdefault("organisation_numbers", refusal.chosen)
    with transaction.atomic():
        record_event(
            by=None,
            actor_label=str(user) if user is not None else _("ukjent (Ansattporten)"),
            event_type=EventType.ANSATTPORTEN_REFUSED,
            summary=_("Innlogging med Ansattporten avvist: %(reason)s")
            % {"reason": str(refusal.reason)},
            obj=user,
            municipality=user.own_municipality if user is not None else None,
            details=details,
        )
