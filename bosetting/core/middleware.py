from collections.abc import Callable

from allauth.core.internal.httpkit import get_client_ip
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

from . import request_context


class RequestContextMiddleware:
    """Makes the client's IP address available to the audit log for the length of the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The same rule as allauth's login limits: X-Forwarded-For only through the number of
        # trusted proxies configured (ALLAUTH_TRUSTED_PROXY_COUNT), else the connection's address.
        token = request_context.set_ip_address(get_client_ip(request))
        try:
            return self.get_response(request)
        finally:
            request_context.reset(token)


class NoStoreMiddleware:
    """No browser or proxy keeps a copy of what a logged-in user or an API client was sent.

    Behind the login almost every page, download and API answer holds personal data (cases,
    person files, health details, documents, letters, the audit log and its export); marking
    them all is simpler and safer than remembering each. Static files are served before this.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or request.path.startswith("/api/"):
            add_never_cache_headers(response)
        return response
