from typing import Any

from django.conf import settings
from django.http import HttpRequest

from bosetting.accounts.ansattporten.config import is_configured as ansattporten_is_configured
from bosetting.accounts.kept_input import has_kept_input
from bosetting.accounts.second_factor import session_used_second_factor
from bosetting.accounts.session_lifetime import expiry_notice, time_left
from bosetting.notifications.queries import unread_count

from .navigation import navigation_for


def layout(request: HttpRequest) -> dict[str, Any]:
    """What the layout needs on every page: navigation, the unread count, demo mode, and the
    session's time left (the warning dialog) or why the last one ended (the login page)."""
    context: dict[str, Any] = {"demo_mode": settings.DEMO_MODE}
    user = getattr(request, "user", None)
    session = getattr(request, "session", None)
    if user is None or not user.is_authenticated:
        # The ways in the login and invitation pages offer.
        context["ansattporten_login"] = ansattporten_is_configured()
        context["password_login"] = settings.PASSWORD_LOGIN_ENABLED
        if session is not None:
            notice = expiry_notice(session)
            if notice is not None:
                notice["kept_input"] = has_kept_input(request)
                notice["kept_minutes"] = int(settings.KEPT_INPUT_TIMEOUT.total_seconds() // 60)
            context["session_expiry"] = notice
        return context
    # Until the second factor is done (TOTP enrolment), the layout offers nothing to go to.
    if session_used_second_factor(request):
        context["navigation"] = navigation_for(user)
        context["unread_notifications"] = lambda: unread_count(user)
        if session is not None:
            context["session_time_left"] = time_left(session)
            context["session_warning_seconds"] = int(
                settings.SESSION_WARNING_BEFORE.total_seconds()
            )
            context["session_absolute_minutes"] = int(
                settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds() // 60
            )
    return context
