"""Reads about users and access, scoped to what the asking user may see."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import QuerySet
from django.http import Http404

from bosetting.organisations.models import Organisation

from .models import User
from .permissions import Permission, scope_for
from .roles import Role


def municipal_admins(municipality_id: int) -> QuerySet[User]:
    return User.objects.filter(
        organisation__municipality__pk=municipality_id,
        is_active=True,
        api_client__isnull=True,  # a service user is no one to notify or count
        roles__role=Role.MUNICIPAL_ADMIN,
    )


def municipal_caseworkers(municipality_ids: Iterable[int]) -> dict[int, list[User]]:
    """Active caseworkers of each municipality, in one query."""
    by_municipality: dict[int, list[User]] = defaultdict(list)
    users = User.objects.filter(
        organisation__municipality__in=list(municipality_ids),
        is_active=True,
        api_client__isnull=True,  # a service user is no one to notify or count
        roles__role=Role.MUNICIPAL_CASEWORKER,
    ).select_related("organisation__municipality")
    for user in users.distinct():
        by_municipality[user.organisation.municipality.pk].append(user)  # type: ignore[union-attr]
    return by_municipality


def imdi_caseworkers() -> list[User]:
    return list(
        User.objects.filter(
            organisation__kind=Organisation.Kind.IMDI,
            is_active=True,
            api_client__isnull=True,  # a service user is no one to notify or count
            roles__role=Role.IMDI_CASEWORKER,
        ).distinct()
    )


def users_visible_to(user: User) -> QuerySet[User]:
    """Users the asking user may administer: IMDi administrators see all, others their own organisation."""
    scope = scope_for(user, Permission.USER_MANAGE)
    # API clients' service users are managed with their client (bosetting.api), not here.
    users = (
        User.objects.filter(api_client__isnull=True)
        .select_related("organisation")
        .prefetch_related("roles")
    )
    if scope.everything:
        return users.exclude(organisation=None)
    if scope.organisation_id is None:
        return User.objects.none()
    return users.filter(organisation_id=scope.organisation_id)


def get_user_for_admin(user: User, pk: int) -> User:
    """The user `pk` if the asking user may administer them, else 404 (never say it exists)."""
    try:
        return users_visible_to(user).get(pk=pk)
    except User.DoesNotExist:
        raise Http404 from None


def is_last_municipal_admin(user: User) -> bool:
    """Deactivating them would cut the municipality off from personal data."""
    organisation = user.organisation
    if organisation is None or organisation.kind != Organisation.Kind.MUNICIPALITY:
        return False
    admins = municipal_admins(organisation.municipality.pk)
    return admins.filter(pk=user.pk).exists() and not admins.exclude(pk=user.pk).exists()
