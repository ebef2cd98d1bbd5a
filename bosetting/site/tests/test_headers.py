"""Every route, asked by a user it answers: a Content-Security-Policy without 'unsafe-inline',
and `Cache-Control: no-store` on everything a logged-in user or an API client is sent."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse

from bosetting.conftest import log_in
from bosetting.core.testing import close_response

from .matrix import Route
from .test_permission_matrix import ROUTES, world  # noqa: F401  (the matrix's own fixture)


def _persona(route: Route) -> str:
    """One persona the route answers with its real page: IMDi's where it may, else the first."""
    for persona in ("imdi_admin", "imdi_caseworker", "bergen_caseworker", "bergen_admin"):
        if persona in route.allowed:
            return persona
    return (
        sorted(route.allowed | route.hidden)[0] if (route.allowed | route.hidden) else "anonymous"
    )


def _check(response) -> None:
    policy = response.headers.get("Content-Security-Policy", "")
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.name)
def test_every_route_sends_a_strict_policy_and_no_store(route: Route, world: SimpleNamespace):  # noqa: F811
    url = reverse(route.name, args=route.args(world))
    persona = _persona(route)
    client = Client() if persona == "anonymous" else log_in(Client(), getattr(world.cast, persona))
    response = getattr(client, route.method)(url)
    close_response(response)
    _check(response)
    if persona != "anonymous":
        cache_control = response.headers.get("Cache-Control", "")
        assert "no-store" in cache_control, f"{route.name}: {cache_control!r}"
        assert "private" in cache_control


def test_the_login_page_has_the_policy_too(db):
    _check(Client().get(reverse("account_login")))


def test_an_api_answer_is_never_stored(db):
    response = Client().get("/api/v1/cases/")
    assert response.status_code == 401
    assert "no-store" in response.headers["Cache-Control"]
