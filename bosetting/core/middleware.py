from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from . import request_context


class RequestContextMiddleware:
    """Makes the client's IP address available to the audit log for the length of the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Behind the production proxy REMOTE_ADDR is set from X-Forwarded-For by the proxy itself.
        token = request_context.set_ip_address(request.META.get("REMOTE_ADDR") or None)
        try:
            return self.get_response(request)
        finally:
            request_context.reset(token)
