"""Where a user who must log in (again) is sent afterwards: the page they were on, never an
address that only receives forms. Opening a POST-only address after login can only answer 405."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

from bosetting.core.http_methods import path_accepts_get, view_accepts_get

from .kept_input import page_of, policy_of


def return_address(request: HttpRequest, view: Callable[..., Any]) -> str | None:
    """A local GET address to return to, or None for the start page."""
    if request.method == "POST":
        policy = policy_of(view)
        if policy is not None:
            return page_of(request, policy)
        # The page the form was on; the address it was posted to may not be a page at all.
        behind = page_behind(request)
        if behind is not None:
            return behind
    if view_accepts_get(view):
        return request.get_full_path()
    return page_behind(request)


def page_behind(request: HttpRequest) -> str | None:
    """The page a form was posted from: htmx names it, a browser's Referer too (the site's
    Referrer-Policy is same-origin, so only our own pages are named). Checked to be ours."""
    for header in ("HX-Current-URL", "Referer"):
        url = request.headers.get(header)
        if not url or not url_has_allowed_host_and_scheme(
            url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            continue
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path.startswith("/") and path_accepts_get(path):
            return path
    return None
