"""The header's two help links for the page being shown: the user's guide, and this page's section."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from bosetting.accounts.second_factor import session_used_second_factor

from .guides import ACCESS_GUIDE, ACCESS_SECTION, GuideInfo, current, guides_for_roles
from .pages import section_for


def guides_for(request: HttpRequest) -> list[GuideInfo]:
    """The guides for the user's roles; before the login is complete, the access guide."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not session_used_second_factor(request):
        return guides_for_roles(frozenset())
    return guides_for_roles(user.role_set)


def guide_url(slug: str, anchor: str | None = None) -> str:
    url = reverse("help:guide", args=[slug])
    return f"{url}#{anchor}" if anchor else url


def help_links(request: HttpRequest) -> dict[str, Any]:
    """Context for the layout: `help_url` (the user's guide; for visitors who are not logged in,
    its access section) and `page_help_url` (the section on this page, when there is one)."""
    guides = guides_for(request)
    user = getattr(request, "user", None)
    logged_in = user is not None and user.is_authenticated
    match = getattr(request, "resolver_match", None)
    anchor = section_for(match.view_name if match else None)
    if not logged_in and anchor is None:
        anchor = ACCESS_SECTION
    page_help_url = None
    if anchor is not None:
        for info in guides:
            if anchor in current(info.slug).anchors:
                page_help_url = guide_url(info.slug, anchor)
                break
    first = guides[0].slug
    return {
        "help_url": guide_url(first) if logged_in else guide_url(ACCESS_GUIDE, ACCESS_SECTION),
        "page_help_url": page_help_url,
    }
