"""The warning dialog's endpoint: how long the session has left, and «Forleng økten»."""

from __future__ import annotations

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from bosetting.accounts.http import AuthenticatedHttpRequest

from .session_lifetime import time_left


@never_cache
@require_http_methods(["GET", "POST"])
def session(request: AuthenticatedHttpRequest) -> JsonResponse:
    """GET asks how long is left and is not activity; POST is the user saying they are here, which
    SessionLifetimeMiddleware has just counted as activity. Neither moves the 120-minute limit:
    it counts from the login, which only logging in again resets."""
    return JsonResponse(time_left(request.session).as_json())
