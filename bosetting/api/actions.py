"""Creating and revoking API clients. Each action checks, changes and audits in one transaction."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bosetting.accounts.models import User, UserRole
from bosetting.accounts.permissions import Permission, has_permission
from bosetting.audit.actions import record_event
from bosetting.audit.models import EventType
from bosetting.organisations.models import Organisation

from .models import ApiClient
from .scopes import ROLE_FOR_SCOPE, roles_for_scopes

if TYPE_CHECKING:
    from bosetting.accounts.models import Actor

TOKEN_MARK = "bos"  # noqa: S105  (a marker, not a secret: lets scanners recognise our tokens)


class ApiClientError(ValueError):
    """A refused change, with a message the user is shown, and the form field it concerns if any."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def split_token(token: str) -> str | None:
    """The prefix a token is looked up by, or None when it is not shaped as ours."""
    parts = token.split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_MARK or not parts[1] or not parts[2]:
        return None
    return parts[1]


def _new_token() -> tuple[str, str]:
    prefix = secrets.token_hex(4)
    return prefix, f"{TOKEN_MARK}_{prefix}_{secrets.token_urlsafe(32)}"


def _require(by: Actor) -> None:
    if by is not None and not has_permission(by, Permission.API_CLIENT_MANAGE):
        raise ApiClientError(_("Du kan ikke administrere API-klienter."))


def create_client(
    *, by: User, name: str, organisation: Organisation, scopes: Iterable[str]
) -> tuple[ApiClient, str]:
    """Create the client and its service user; returns the token, which is never shown again."""
    _require(by)
    name = name.strip()
    scopes = sorted(set(scopes))
    if not name:
        raise ApiClientError(_("Gi klienten et navn."), field="name")
    if not scopes:
        raise ApiClientError(_("Velg minst én tilgang."), field="scopes")
    refused = [scope for scope in scopes if scope not in ROLE_FOR_SCOPE[organisation.kind]]
    if refused:
        raise ApiClientError(
            _("%(org)s kan ikke få tilgangen %(scopes)s.")
            % {"org": organisation, "scopes": ", ".join(refused)},
            field="scopes",
        )
    prefix, token = _new_token()
    now = timezone.now()
    with transaction.atomic():
        service_user = User(
            organisation=organisation,
            username=f"api-{prefix}",
            # No mailbox exists at .invalid (RFC 2606): no reset link can reach anyone.
            email=f"api-{prefix}@api-klient.invalid",
            first_name=_("API-klient:"),
            last_name=name[:150],
        )
        service_user.set_unusable_password()  # no password, so no login form lets it in
        service_user.save()
        UserRole.objects.bulk_create(
            UserRole(user=service_user, role=role, granted_by=by)
            for role in sorted(roles_for_scopes(organisation, scopes))
        )
        client = ApiClient.objects.create(
            name=name,
            organisation=organisation,
            scopes=scopes,
            token_prefix=prefix,
            token_hash=hash_token(token),
            service_user=service_user,
            created_at=now,
            created_by=by,
        )
        record_event(
            by=by,
            event_type=EventType.API_CLIENT_CREATED,
            summary=_("API-klienten %(name)s for %(org)s opprettet")
            % {"name": name, "org": organisation},
            obj=client,
            municipality=organisation.own_municipality,
            details={"scopes": scopes, "token_prefix": prefix},
        )
    return client, token


def revoke_client(*, by: Actor, client: ApiClient) -> ApiClient:
    """The token stops working with the next call, and the service user is deactivated with it."""
    _require(by)
    with transaction.atomic():
        client = (
            ApiClient.objects.select_for_update().select_related("organisation").get(pk=client.pk)
        )
        if client.revoked_at is not None:
            raise ApiClientError(_("API-klienten er allerede tilbakekalt."))
        now = timezone.now()
        client.revoked_at = now
        client.revoked_by = by
        client.save(update_fields=["revoked_at", "revoked_by"])
        User.objects.filter(pk=client.service_user_id).update(is_active=False, deactivated_at=now)
        record_event(
            by=by,
            event_type=EventType.API_CLIENT_REVOKED,
            summary=_("API-klienten %(name)s for %(org)s tilbakekalt")
            % {"name": client.name, "org": client.organisation},
            obj=client,
            municipality=client.organisation.own_municipality,
            details={"token_prefix": client.token_prefix},
        )
    return client
