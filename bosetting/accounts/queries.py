"""Reads about users and access, scoped to what the asking user may see."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import QuerySet
from django.http import Http404

from bosetting.organisations.models import DataProcessingAgreement, Organisation

from .models import User
from .permissions import Permission, access_state, has_permission
from .roles import Role


def current_agreement() -> DataProcessingAgreement | None:
    return DataProcessingAgreement.objects.order_by("-published_at").first()


def municipality_access(organisation_id: int) -> tuple[int, bool]:
    """The municipality's id, and whether its users may reach personal data (signed the current
    agreement, at least one active municipal administrator) — in one query, by the same rule
    IMDi's overview of all municipalities shows."""
    from bosetting.organisations.queries import municipalities_with_status

    row: tuple[int, bool] = (
        municipalities_with_status()
        .filter(organisation_id=organisation_id)
        .values_list("pk", "may_reach_personal_data")  # type: ignore[misc]
        .get()
    )
    return row


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
    if not has_permission(user, Permission.USER_MANAGE):
        return User.objects.none()
    # API clients' service users are managed with their client (bosetting.api), not here.
    users = (
        User.objects.filter(api_client__isnull=True)
        .select_related("organisation")
        .prefetch_related("roles")
    )
    state = access_state(user)
    if state.organisation_kind == "imdi":
        return users.exclude(organisation=None)
    if state.organisation_id is None:
        return User.objects.none()
    return users.filter(organisation_id=state.organisation_id)


def get_user_for_admin(user: User, pk: int) -> User:
    """The user `pk` if the asking user may administer them, else 404 (never say it exists)."""
    try:
        return users_visible_to(user).get(pk=pk)
    except User.DoesNotExist:
        raise Http404 from None
