"""Login, two factors and session lifetime, enforced for every request."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.translation import gettext as _

from bosetting.audit.actions import record_event
from bosetting.audit.models import EventType

from .kept_input import keep_input, policy_of
from .login_return import return_address
from .models import User
from .second_factor import session_used_second_factor
from .session_lifetime import (
    ACTIVITY_RESOLUTION_SECONDS,
    AUTH_STARTED_AT,
    LAST_SEEN_AT,
    ExpiryReason,
    expired_user_pk,
    expiry_reason,
    mark_expired,
)

# Set on the request while an expired session is logged out: the expiry is the event, not a logout.
SESSION_EXPIRED_FLAG = "_bosetting_session_expired"

Handler = Callable[[HttpRequest], HttpResponse]


class LoginRequiredMiddleware(DjangoLoginRequired):
    """Deny by default: every view needs a logged-in user unless marked `login_not_required`.

    After login the user returns to the page they were on, never to an address that only
    receives forms; what they posted to a view that keeps input (kept_input.py) is kept first.
    """

    def process_view(
        self,
        request: HttpRequest,
        view_func: Any,
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponseBase | None:
        response = super().process_view(request, view_func, view_args, view_kwargs)
        if response is not None and request.headers.get("HX-Request"):
            # htmx would swap the login page into the target; it follows HX-Redirect instead.
            redirect = HttpResponse(status=204)
            redirect["HX-Redirect"] = response["Location"]
            return redirect
        return response

    def handle_no_permission(self, request: HttpRequest, view_func: Any) -> HttpResponseRedirect:
        login_url = resolve_url(self.get_login_url(view_func))
        back_to = return_address(request, view_func)
        policy = policy_of(view_func)
        owner_pk = expired_user_pk(request.session)
        if request.method == "POST" and policy is not None and owner_pk is not None and back_to:
            keep_input(request, policy=policy, page=back_to, owner_pk=owner_pk)
        if not back_to:
            return HttpResponseRedirect(login_url)
        # redirect_to_login quotes the path, so "?" and "&" in it cannot spill into the login URL.
        return redirect_to_login(back_to, login_url, self.get_redirect_field_name(view_func))


class SessionLifetimeMiddleware:
    """Ends a session after 30 minutes without activity, or 120 minutes after login.

    Every request counts as activity except the warning dialog's question how long is left
    (GET of the session address): a background request must not keep an idle session alive.
    The expired request goes on as an anonymous one, so LoginRequiredMiddleware sends it to
    the login page and keeps what was posted, and the login page can say why.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            reason = expiry_reason(request.session, now=now)
            if reason is not None:
                self._end_session(request, reason=reason)
            else:
                request.session.setdefault(AUTH_STARTED_AT, now)
                if (
                    not _is_background(request)
                    and now - request.session.get(LAST_SEEN_AT, 0) >= ACTIVITY_RESOLUTION_SECONDS
                ):
                    request.session[LAST_SEEN_AT] = now
        return self.get_response(request)

    def _end_session(self, request: HttpRequest, *, reason: ExpiryReason) -> None:
        user = request.user
        assert isinstance(user, User)  # only an authenticated session expires
        with transaction.atomic():
            record_event(
                by=user,
                event_type=EventType.SESSION_EXPIRED,
                summary=_("Økten til %(user)s utløp") % {"user": user},
                obj=user,
                details={"reason": str(reason)},
            )
        setattr(request, SESSION_EXPIRED_FLAG, True)
        logout(request)
        mark_expired(request.session, reason=reason, user_pk=user.pk)


def _is_background(request: HttpRequest) -> bool:
    return request.method in ("GET", "HEAD") and request.path == reverse("session")


# Pages a user with a password but no second factor yet may reach: enrolling TOTP and logging out.
# Enrolling asks for the password again when the login is more than a few minutes old
# (allauth's reauthentication); without that page here, the two redirects would chase each other.
_ENROLMENT_URL_NAMES = ("mfa_activate_totp", "account_reauthenticate", "account_logout")


class TwoFactorRequiredMiddleware:
    """A password alone reaches no page: without TOTP, the only way on is to enrol it."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not user.is_authenticated or _is_exempt(request.path):
            return self.get_response(request)
        if session_used_second_factor(request):
            return self.get_response(request)
        has_totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        if has_totp:
            # Logged in some other way than allauth's two-step login (e.g. the admin's form).
            logout(request)
            return HttpResponseRedirect(reverse("account_login"))
        enrolment_paths = {reverse(name) for name in _ENROLMENT_URL_NAMES}
        if request.path in enrolment_paths:
            return self.get_response(request)
        return HttpResponseRedirect(reverse("mfa_activate_totp"))


def _is_exempt(path: str) -> bool:
    # The guides are public, and the enrolment page's help link leads to them.
    return path.startswith((settings.STATIC_URL, "/healthz", "/i18n/", "/hjelp/"))
