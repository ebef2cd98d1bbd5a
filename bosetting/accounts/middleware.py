"""Login, two factors and session lifetime, enforced for every request."""

from __future__ import annotations

import time
from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from bosetting.audit.actions import record_event
from bosetting.audit.models import EventType

from .models import User
from .second_factor import session_used_second_factor

AUTH_STARTED_AT = "bosetting_auth_started_at"
LAST_SEEN_AT = "bosetting_last_seen_at"
# Set on the request while an expired session is logged out: the expiry is the event, not a logout.
SESSION_EXPIRED_FLAG = "_bosetting_session_expired"

Handler = Callable[[HttpRequest], HttpResponse]


class LoginRequiredMiddleware(DjangoLoginRequired):
    """Deny by default: every view needs a logged-in user unless marked `login_not_required`."""


class SessionLifetimeMiddleware:
    """Ends a session after 30 minutes without requests, or 120 minutes after login."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            started = request.session.get(AUTH_STARTED_AT, now)
            last_seen = request.session.get(LAST_SEEN_AT, now)
            idle = now - last_seen > settings.SESSION_IDLE_TIMEOUT.total_seconds()
            too_long = now - started > settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds()
            if idle or too_long:
                return self._end_session(request, reason="idle" if idle else "absolute")
            request.session.setdefault(AUTH_STARTED_AT, now)
            request.session[LAST_SEEN_AT] = now
        return self.get_response(request)

    def _end_session(self, request: HttpRequest, *, reason: str) -> HttpResponse:
        user = request.user
        assert isinstance(user, User)  # only an authenticated session expires
        with transaction.atomic():
            record_event(
                by=user,
                event_type=EventType.SESSION_EXPIRED,
                summary=_("Økten til %(user)s utløp") % {"user": user},
                obj=user,
                details={"reason": reason},
            )
        setattr(request, SESSION_EXPIRED_FLAG, True)
        logout(request)
        messages.info(request, _("Økten din er utløpt. Logg inn på nytt."))
        # redirect_to_login quotes the path, so "?" and "&" in it cannot spill into the login URL.
        redirect = redirect_to_login(request.get_full_path(), reverse("account_login"))
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = redirect["Location"]
            return response
        return redirect


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
    return path.startswith((settings.STATIC_URL, "/healthz", "/i18n/"))
