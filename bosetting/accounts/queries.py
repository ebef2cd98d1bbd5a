"""Reads about users and access, scoped to what the asking user may see."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from bosetting.organisations.models import DataProcessingAgreement

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
        roles__role=Role.MUNICIPAL_ADMIN,
    )


def users_visible_to(user: User) -> QuerySet[User]:
    """Users the asking user may administer: IMDi administrators see all, others their own organisation."""
    if not has_permission(user, Permission.USER_MANAGE):
        return User.objects.none()
    users = User.objects.select_related("organisation").prefetch_related("roles")
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
