"""What a user typed into a form when the session expired is kept, and given back after login.

A view opts in with `@keeps_input_on_expiry(...)` on the view that receives the form; the page
that shows the form builds it from `form_data(request)` instead of `request.POST`. When a POST
reaches an opted-in view after the session expired, LoginRequiredMiddleware calls `keep_input`:
the posted fields, minus what is never kept, go into the cache for KEPT_INPUT_TIMEOUT, and the
session holds only a random reference to them with the page and the user they belong to. After
login the user is sent to that page, and `form_data` hands the fields back once, to that user
only. Why the cache and not the session, and what is never kept: docs/adr/0011.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _

KEPT_INPUT = "bosetting_kept_input"
_POLICY_ATTRIBUTE = "keeps_input_on_expiry"
_CACHE_PREFIX = "kept-input:"
# Never kept, whatever the view says: the CSRF token and anything that is a password.
# Files are never read at all (request.FILES is not touched).
_ALWAYS_LEFT_OUT = frozenset({"csrfmiddlewaretoken"})

View = TypeVar("View", bound=Callable[..., Any])


@dataclass(frozen=True)
class KeepPolicy:
    # The URL name of the page that shows the form, with the posted view's URL arguments;
    # None when the view that receives the form also shows it.
    page: str | None = None
    # Fields never kept, each with the label the user is told must be typed again.
    never: Mapping[str, Any] = field(default_factory=dict)


def keeps_input_on_expiry(
    *, page: str | None = None, never: Mapping[str, Any] | None = None
) -> Callable[[View], View]:
    """Keep this view's posted fields across an expired session (module docstring)."""
    policy = KeepPolicy(page=page, never=dict(never or {}))

    def decorate(view: View) -> View:
        setattr(view, _POLICY_ATTRIBUTE, policy)
        return view

    return decorate


def policy_of(view: Callable[..., Any]) -> KeepPolicy | None:
    return getattr(view, _POLICY_ATTRIBUTE, None)


def page_of(request: HttpRequest, policy: KeepPolicy) -> str:
    """The address of the page the form is on, where the user returns after login."""
    if policy.page is None:
        return request.get_full_path()
    match = request.resolver_match
    assert match is not None  # only called for a resolved, opted-in view
    return reverse(policy.page, args=match.args, kwargs=match.kwargs)


def keep_input(request: HttpRequest, *, policy: KeepPolicy, page: str, owner_pk: int) -> bool:
    """Keep the posted fields for `owner_pk` on `page`; False when there was nothing to keep."""
    try:
        posted = request.POST
    except (RequestDataTooBig, TooManyFieldsSent):
        return False
    pairs = [
        (name, value)
        for name in posted
        if _may_keep(name, policy)
        for value in posted.getlist(name)
    ]
    if not pairs:
        return False
    left_out = [
        str(label)
        for name, label in policy.never.items()
        if any(value.strip() for value in posted.getlist(name))
    ]
    forget_kept_input(request)
    token = secrets.token_urlsafe(32)
    cache.set(_CACHE_PREFIX + token, pairs, timeout=settings.KEPT_INPUT_TIMEOUT.total_seconds())
    request.session[KEPT_INPUT] = {
        "token": token,
        "page": page,
        "user": owner_pk,
        "left_out": left_out,
    }
    return True


def has_kept_input(request: HttpRequest) -> bool:
    return KEPT_INPUT in request.session


def form_data(request: HttpRequest) -> QueryDict | None:
    """The data to bind the page's form to: the POST, or on GET what was kept for this page."""
    if request.method == "POST":
        return request.POST
    if request.method != "GET":
        return None
    return _restore(request)


def forget_kept_input(request: HttpRequest) -> None:
    reference = request.session.pop(KEPT_INPUT, None)
    if reference:
        cache.delete(_CACHE_PREFIX + reference["token"])


def _restore(request: HttpRequest) -> QueryDict | None:
    reference = request.session.get(KEPT_INPUT)
    if not reference or reference["page"] != request.get_full_path():
        return None
    # Given back once, and only to the user who typed it (a shared computer: someone else may be
    # the next to log in).
    pairs = cache.get(_CACHE_PREFIX + reference["token"])
    forget_kept_input(request)
    if not pairs or reference["user"] != getattr(request.user, "pk", None):
        return None
    data = QueryDict(mutable=True)
    for name, value in pairs:
        data.appendlist(name, value)
    messages.warning(
        request,
        _(
            "Det du skrev før økten utløp, er hentet fram igjen. Det er ikke lagret ennå: "
            "se over og lagre."
        ),
    )
    for label in reference["left_out"]:
        messages.warning(
            request,
            _("%(what)s ble ikke tatt vare på. Skriv dem inn på nytt om de skal lagres.")
            % {"what": label},
        )
    return data


def _may_keep(name: str, policy: KeepPolicy) -> bool:
    return name not in _ALWAYS_LEFT_OUT and "password" not in name and name not in policy.never
