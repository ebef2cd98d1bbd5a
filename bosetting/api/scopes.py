"""What an API client may be given, and the roles its service user gets for it.

A scope names a part of the API; the role it brings decides, through the same `has_permission`
and scoped queries as the interface, what the client reaches within that part. An organisation
kind offers only the scopes whose role it may hold (roles.ROLES_BY_ORGANISATION_KIND).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from bosetting.accounts.roles import Role
from bosetting.organisations.models import Organisation


class Scope(models.TextChoices):
    CASES_READ = "cases:read", _("Lese saker og personer (cases:read)")
    FIGURES_READ = "figures:read", _("Lese kommunenes plasser og tall (figures:read)")
    SETTLEMENT_WRITE = "settlement:write", _("Registrere bosetting (settlement:write)")


ROLE_FOR_SCOPE: dict[str, dict[str, Role]] = {
    Organisation.Kind.IMDI: {
        Scope.CASES_READ: Role.IMDI_CASEWORKER,
        Scope.FIGURES_READ: Role.IMDI_READER,
    },
    Organisation.Kind.MUNICIPALITY: {
        Scope.CASES_READ: Role.MUNICIPAL_CASEWORKER,
        Scope.FIGURES_READ: Role.MUNICIPAL_READER,
        Scope.SETTLEMENT_WRITE: Role.MUNICIPAL_CASEWORKER,
    },
    # A reception centre's system reads and reports on its own residents; no figures role exists.
    Organisation.Kind.RECEPTION_CENTRE: {
        Scope.CASES_READ: Role.RECEPTION_STAFF,
        Scope.SETTLEMENT_WRITE: Role.RECEPTION_STAFF,
    },
}


def scopes_for(organisation: Organisation) -> list[Scope]:
    return [Scope(scope) for scope in ROLE_FOR_SCOPE[organisation.kind]]


def roles_for_scopes(organisation: Organisation, scopes: list[str]) -> set[Role]:
    offered = ROLE_FOR_SCOPE[organisation.kind]
    return {offered[scope] for scope in scopes}
