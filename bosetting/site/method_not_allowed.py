"""A POST-only address opened in the browser answers a Norwegian page, not an empty 405.

Django's `require_POST` answers 405 with an empty body, which browsers show as their own English
«HTTP ERROR 405». Such a GET comes from a bookmark, the address bar or a link in an e-mail, so the
page says what the address is for and where to go. The API answers its own JSON errors.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render

from bosetting.accounts.login_return import page_behind


class MethodNotAllowedPageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not isinstance(response, HttpResponseNotAllowed) or response.content:
            return response
        page = render(
            request,
            "405.html",
            {"back_to": page_behind(request)},
            status=405,
        )
        page["Allow"] = response["Allow"]
        return page
