"""What the planning screens share: breadcrumbs and the year shown."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bosetting.accounts.permissions import AccessDenied, Permission, denial_reason, has_permission


def crumb(
    label: str, url_name: str | None = None, query: str = "", **kwargs: Any
) -> dict[str, Any]:
    url = reverse(url_name, kwargs=kwargs) + query if url_name else None
    return {"label": label, "url": url}


def overview_crumb(year: int) -> dict[str, Any]:
    return crumb(
        _("Anmodninger og vedtak %(year)s") % {"year": year}, "planning:overview", f"?aar={year}"
    )


def own_requests_crumb() -> dict[str, Any]:
    return crumb(_("Anmodninger"), "planning:request_list")


def may_see_requests(user: Any) -> None:
    """IMDi's roles see every request, municipal caseworkers and readers their own (checked later)."""
    if not (
        has_permission(user, Permission.PLANNING_OVERVIEW_VIEW)
        or has_permission(user, Permission.REQUEST_VIEW)
    ):
        raise AccessDenied(denial_reason(user, Permission.REQUEST_VIEW))


def this_year() -> int:
    return timezone.localdate().year
