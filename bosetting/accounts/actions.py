"""Every write to users and their roles. Each action checks, changes and audits in one transaction."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bosetting.audit.actions import record_event
from bosetting.audit.models import EventType
from bosetting.core.counts import counted
from bosetting.notifications.actions import notify
from bosetting.organisations.actions import (
    OrganisationError,
    ensure_imdi,
    set_organisation_number,
)
from bosetting.organisations.models import Organisation

from .ansattporten.config import is_configured as ansattporten_is_configured
from .models import Invitation, User, UserRole
from .permissions import Permission, has_permission, scope_for
from .roles import Role, roles_for

if TYPE_CHECKING:
    from bosetting.accounts.models import Actor


class AccountError(ValueError):
    """A refused change, with a message the user is shown."""


def grantable_roles(by: Actor, organisation: Organisation) -> list[Role]:
    """The roles `by` may give or take away in `organisation`.

    A municipal administrator manages the municipal roles of their own municipality. An IMDi
    administrator manages IMDi's roles, and the administrators of municipalities and reception
    centres (the first administrator of each is made by IMDi).
    """
    if not has_permission(by, Permission.USER_MANAGE, organisation=organisation):
        return []
    if not scope_for(by, Permission.USER_MANAGE).everything:
        return roles_for(organisation)
    if organisation.kind == Organisation.Kind.IMDI:
        return roles_for(organisation)
    if organisation.kind == Organisation.Kind.MUNICIPALITY:
        return [Role.MUNICIPAL_ADMIN]
    return [Role.RECEPTION_STAFF]


def _require_manage(by: User, organisation: Organisation) -> None:
    if not grantable_roles(by, organisation):
        raise AccountError(_("Du kan ikke administrere brukere i %(org)s.") % {"org": organisation})


def _check_roles(by: User, organisation: Organisation, changed: Iterable[str]) -> None:
    allowed = {str(role) for role in grantable_roles(by, organisation)}
    refused = sorted(set(changed) - allowed)
    if refused:
        labels = ", ".join(str(Role(role).label) for role in refused)
        raise AccountError(_("Du kan ikke gi eller ta bort rollen: %(roles)s.") % {"roles": labels})


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_user(
    *,
    by: Actor,
    organisation: Organisation,
    username: str,
    email: str,
    first_name: str,
    last_name: str,
    roles: Iterable[str],
    password: str | None = None,
) -> User:
    """Create a user directly (reference data, demo data, operators). Others are invited."""
    roles = sorted(set(roles))
    with transaction.atomic():
        if by is not None:
            _require_manage(by, organisation)
            _check_roles(by, organisation, roles)
        _check_roles_fit(organisation, roles)
        if User.objects.filter(email__iexact=email).exists():
            raise AccountError(_("Det finnes allerede en bruker med denne e-postadressen."))
        user = User(
            username=username,
            email=email,
            first_name=first_name,
            last_name=last_name,
            organisation=organisation,
        )
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        UserRole.objects.bulk_create(
            UserRole(user=user, role=role, granted_by=by if by is not None else None)
            for role in roles
        )
        record_event(
            by=by,
            event_type=EventType.USER_CREATED,
            summary=_("Bruker %(user)s opprettet i %(org)s med rollene %(roles)s")
            % {"user": user.username, "org": organisation, "roles": _role_list(roles)},
            obj=user,
            municipality=organisation.own_municipality,
            details={"roles": roles},
        )
    return user


def _check_roles_fit(organisation: Organisation, roles: Iterable[str]) -> None:
    fitting = {str(role) for role in roles_for(organisation)}
    if not roles or not set(roles) <= fitting:
        raise AccountError(_("Velg minst én rolle som passer for organisasjonen."))


def _role_list(roles: Iterable[str]) -> str:
    return ", ".join(str(Role(role).label) for role in roles) or _("ingen")


def invite_user(
    *,
    by: User,
    organisation: Organisation,
    email: str,
    first_name: str,
    last_name: str,
    roles: Iterable[str],
) -> tuple[User, str]:
    """Create the user without a password and send an invitation link. Returns the user and the raw token."""
    roles = sorted(set(roles))
    with transaction.atomic():
        _require_manage(by, organisation)
        _check_roles(by, organisation, roles)
        _check_roles_fit(organisation, roles)
        email = email.strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise AccountError(_("Det finnes allerede en bruker med denne e-postadressen."))
        user = User(
            username=email,
            email=email,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            organisation=organisation,
        )
        user.set_unusable_password()
        user.save()
        UserRole.objects.bulk_create(
            UserRole(user=user, role=role, granted_by=by) for role in roles
        )
        token = _send_invitation(by=by, user=user)
        record_event(
            by=by,
            event_type=EventType.USER_INVITED,
            summary=_("%(user)s invitert til %(org)s med rollene %(roles)s")
            % {"user": email, "org": organisation, "roles": _role_list(roles)},
            obj=user,
            municipality=organisation.own_municipality,
            details={"roles": roles},
        )
    return user, token


def resend_invitation(*, by: User, user: User) -> str:
    """A new link; earlier unused links stop working."""
    with transaction.atomic():
        # Read again under lock: the caller's copy may predate an acceptance or a deactivation.
        user = User.objects.select_for_update().get(pk=user.pk)
        assert user.organisation is not None
        _require_manage(by, user.organisation)
        if user.has_usable_password() or user.ansattporten_pid_hash is not None:
            raise AccountError(_("Brukeren har allerede tatt i bruk invitasjonen."))
        if not user.is_active:
            # The link would not work (find_invitation refuses them) and notify() sends no e-mail.
            raise AccountError(
                _("Brukeren er deaktivert. Aktiver brukeren før du sender ny invitasjon.")
            )
        Invitation.objects.filter(user=user, accepted_at=None).update(expires_at=timezone.now())
        token = _send_invitation(by=by, user=user)
        record_event(
            by=by,
            event_type=EventType.USER_INVITED,
            summary=_("Ny invitasjon sendt til %(user)s") % {"user": user.email},
            obj=user,
            municipality=user.own_municipality,
        )
    return token


def _send_invitation(*, by: User, user: User) -> str:
    token = _new_invitation(by=by, user=user)
    days = settings.INVITATION_VALID_FOR.days
    if ansattporten_is_configured():
        body = _(
            "Du er invitert til Bosetting av %(by)s i %(org)s. Åpne lenken og logg inn med "
            "Ansattporten for å ta i bruk invitasjonen. Lenken gjelder i %(days)s."
        )
    else:
        body = _(
            "Du er invitert til Bosetting av %(by)s i %(org)s. Åpne lenken for å velge passord og "
            "sette opp innlogging med engangskode fra en app på telefonen. Lenken gjelder i %(days)s."
        )
    notify(
        recipients=[user],
        subject=_("Invitasjon til Bosetting"),
        body=body % {"by": by, "org": user.organisation, "days": counted(days, "dag")},
        url=reverse("accounts:accept_invitation", args=[token]),
    )
    return token


def _new_invitation(*, by: User | None, user: User) -> str:
    token = secrets.token_urlsafe(32)
    Invitation.objects.create(
        user=user,
        token_hash=_hash_token(token),
        created_by=by,
        expires_at=timezone.now() + settings.INVITATION_VALID_FOR,
    )
    return token


def create_first_admin(
    *, email: str, first_name: str = "", last_name: str = "", organisation_number: str = ""
) -> tuple[User, str]:
    """IMDi's first administrator, invited by the system on a new installation: the one way in
    before anyone can invite. Refused once IMDi has an administrator. Returns the user and the
    raw token of a one-time invitation link (Ansattporten, or password then TOTP enrolment).
    With Ansattporten, IMDi's organisation number must be known first: the login is checked
    against it."""
    with transaction.atomic():
        imdi = ensure_imdi()
        if organisation_number:
            try:
                imdi = set_organisation_number(
                    by=None, organisation=imdi, number=organisation_number
                )
            except OrganisationError as error:
                raise AccountError(error.message) from error
        if User.objects.filter(organisation=imdi, roles__role=Role.IMDI_ADMIN).exists():
            raise AccountError(
                _("IMDi har allerede en administrator. Nye brukere inviteres i Bosetting.")
            )
        email = email.strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise AccountError(_("Det finnes allerede en bruker med denne e-postadressen."))
        user = User(
            username=email,
            email=email,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            organisation=imdi,
        )
        user.set_unusable_password()
        user.save()
        UserRole.objects.create(user=user, role=Role.IMDI_ADMIN, granted_by=None)
        token = _new_invitation(by=None, user=user)
        record_event(
            by=None,
            event_type=EventType.USER_INVITED,
            summary=_("%(user)s invitert som IMDis første administrator") % {"user": email},
            obj=user,
            details={"roles": [Role.IMDI_ADMIN.value], "first_admin": True},
        )
    return user, token


def find_invitation(token: str) -> Invitation | None:
    invitation = (
        Invitation.objects.select_related("user", "user__organisation")
        .filter(token_hash=_hash_token(token))
        .first()
    )
    if invitation is None or not invitation.is_usable or not invitation.user.is_active:
        return None
    return invitation


def accept_invitation(*, token: str, password: str) -> User:
    """Set the invited user's password. TOTP is enrolled at the first login that follows."""
    with transaction.atomic():
        invitation = find_invitation(token)
        if invitation is not None:
            # Locked and read again, so two requests with the same link cannot both use it.
            invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation is None or not invitation.is_usable:
            raise AccountError(
                _("Invitasjonen er ugyldig eller utløpt. Be administratoren om en ny.")
            )
        user = invitation.user
        validate_password(password, user)
        user.set_password(password)
        user.save(update_fields=["password"])
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
        record_event(
            by=user,
            event_type=EventType.INVITATION_ACCEPTED,
            summary=_("%(user)s tok i bruk invitasjonen og valgte passord") % {"user": user},
            obj=user,
            municipality=user.own_municipality,
        )
    return user


def change_roles(*, by: User, user: User, roles: Iterable[str]) -> User:
    new_roles = set(roles)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        assert user.organisation is not None
        _require_manage(by, user.organisation)
        current = set(user.roles.values_list("role", flat=True))
        _check_roles(by, user.organisation, current ^ new_roles)
        _check_roles_fit(user.organisation, new_roles)
        if user.pk == by.pk and Role.MUNICIPAL_ADMIN in current - new_roles:
            raise AccountError(_("Du kan ikke ta bort din egen administratorrolle."))
        if user.pk == by.pk and Role.IMDI_ADMIN in current - new_roles:
            raise AccountError(_("Du kan ikke ta bort din egen administratorrolle."))
        if new_roles == current:
            return user
        UserRole.objects.filter(user=user, role__in=current - new_roles).delete()
        UserRole.objects.bulk_create(
            UserRole(user=user, role=role, granted_by=by) for role in sorted(new_roles - current)
        )
        record_event(
            by=by,
            event_type=EventType.USER_ROLES_CHANGED,
            summary=_("Rollene til %(user)s endret fra %(old)s til %(new)s")
            % {
                "user": user,
                "old": _role_list(sorted(current)),
                "new": _role_list(sorted(new_roles)),
            },
            obj=user,
            municipality=user.own_municipality,
            details={"before": sorted(current), "after": sorted(new_roles)},
        )
    user._role_cache = frozenset(new_roles)
    return user


def deactivate_user(*, by: User, user: User) -> User:
    """The user can no longer log in, and every session they have ends at its next request (a new
    session generation changes the sessions' hash, so reactivating brings none back)."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        assert user.organisation is not None
        _require_manage(by, user.organisation)
        if user.pk == by.pk:
            raise AccountError(_("Du kan ikke deaktivere deg selv."))
        if not user.is_active:
            return user
        user.is_active = False
        user.deactivated_at = timezone.now()
        user.session_generation += 1
        user.save(update_fields=["is_active", "deactivated_at", "session_generation"])
        record_event(
            by=by,
            event_type=EventType.USER_DEACTIVATED,
            summary=_("%(user)s deaktivert") % {"user": user},
            obj=user,
            municipality=user.own_municipality,
        )
    return user


def reactivate_user(*, by: User, user: User) -> User:
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        assert user.organisation is not None
        _require_manage(by, user.organisation)
        if user.is_active:
            return user
        user.is_active = True
        user.deactivated_at = None
        user.save(update_fields=["is_active", "deactivated_at"])
        record_event(
            by=by,
            event_type=EventType.USER_REACTIVATED,
            summary=_("%(user)s reaktivert") % {"user": user},
            obj=user,
            municipality=user.own_municipality,
        )
    return user
