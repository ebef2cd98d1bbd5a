"""Every route × every role × own or other municipality gives the expected answer.

The URLconf is walked, so a new route that is not in ROUTES fails the test: no route escapes
the matrix. django-allauth's login pages and the operators' admin are checked separately below.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from bosetting.accounts.actions import invite_user
from bosetting.accounts.roles import Role
from bosetting.api.tests import routes as api_routes
from bosetting.archive.tests import routes as archive_routes
from bosetting.cases.tests import routes as cases_routes
from bosetting.conftest import log_in
from bosetting.core.testing import close_response
from bosetting.distribution.tests import routes as distribution_routes
from bosetting.help.tests import routes as help_routes
from bosetting.letters.tests import routes as letters_routes
from bosetting.matching.tests import routes as matching_routes
from bosetting.notifications.actions import notify
from bosetting.planning.tests import routes as planning_routes
from bosetting.reports.tests import routes as reports_routes
from bosetting.requestformula.tests import routes as requestformula_routes
from bosetting.settlement.tests import routes as settlement_routes
from bosetting.site.tests.matrix import (
    ADMINS,
    BERGEN,
    IMDI,
    LOG_READERS,
    LOGGED_IN,
    MUNICIPAL,
    PERSONAS,
    Route,
)

APP_ROUTE_MODULES = [
    planning_routes,
    cases_routes,
    reports_routes,
    distribution_routes,
    matching_routes,
    letters_routes,
    settlement_routes,
    api_routes,
    requestformula_routes,
    help_routes,
    # Last: its routes use the objects the cases, planning and distribution routes made.
    archive_routes,
]


def _bergen_caseworker(world: SimpleNamespace) -> list[Any]:
    return [world.cast.bergen_caseworker.pk]


ROUTES = [
    Route("home", allowed=LOGGED_IN),
    # The session warning dialog: how long is left (GET), and extending it (POST).
    Route("session", allowed=LOGGED_IN),
    Route("session", method="post", allowed=LOGGED_IN),
    Route("healthz", allowed=set(PERSONAS), public=True),
    Route("accounts:user_list", allowed=ADMINS),
    Route("accounts:user_invite", allowed=ADMINS),
    Route(
        "accounts:user_detail",
        _bergen_caseworker,
        allowed={"imdi_admin", "bergen_admin"},
        hidden={"oslo_admin", "stord_admin"},
    ),
    Route(
        "accounts:user_deactivate",
        _bergen_caseworker,
        allowed={"imdi_admin", "bergen_admin"},
        hidden={"oslo_admin", "stord_admin"},
    ),
    Route(
        "accounts:user_reactivate",
        _bergen_caseworker,
        method="post",
        allowed={"imdi_admin", "bergen_admin"},
        allowed_status=302,
        hidden={"oslo_admin", "stord_admin"},
    ),
    Route(
        "accounts:user_resend_invitation",
        lambda world: [world.invited.pk],
        method="post",
        allowed={"imdi_admin", "bergen_admin"},
        allowed_status=302,
        hidden={"oslo_admin", "stord_admin"},
    ),
    # An unknown invitation token is 404 for everyone, logged in or not.
    Route(
        "accounts:accept_invitation",
        lambda world: ["ukjent-token"],
        hidden=set(PERSONAS),
        public=True,
    ),
    # Login with Ansattporten: not configured in these tests, so not found for anyone (its own
    # tests, accounts/tests/test_ansattporten.py, configure it against a real provider).
    Route("ansattporten:start", hidden=set(PERSONAS), public=True),
    Route(
        "ansattporten:accept_invitation",
        lambda world: ["ukjent-token"],
        hidden=set(PERSONAS),
        public=True,
    ),
    Route("ansattporten:callback", hidden=set(PERSONAS), public=True),
    # Where the provider sends the browser after logging out there: on to the login page.
    Route("ansattporten:logged_out", allowed=set(PERSONAS), allowed_status=302, public=True),
    Route(
        "organisations:organisation_number_edit",
        lambda world: [world.cast.bergen.organisation.pk],
        allowed={"imdi_admin"},
    ),
    Route("organisations:municipality_list", allowed=IMDI),
    Route("organisations:municipality_detail", lambda world: ["4601"], allowed=IMDI),
    Route("organisations:register_signature", lambda world: ["4601"], allowed={"imdi_admin"}),
    Route("organisations:own_agreement", allowed=MUNICIPAL),
    Route("organisations:agreement_list", allowed=IMDI),
    Route("organisations:agreement_publish", allowed={"imdi_admin"}),
    Route(
        "organisations:agreement_download",
        lambda world: [world.cast.agreement.pk],
        allowed=IMDI | MUNICIPAL,
    ),
    Route(
        "organisations:signature_download",
        lambda world: [world.bergen_signature.pk],
        allowed=IMDI | BERGEN,
        hidden={
            "oslo_admin",
            "oslo_caseworker",
            "stord_admin",
            "stord_caseworker",
            "reception_staff",
        },
    ),
    Route("organisations:reception_centre_list", allowed=IMDI),
    Route("organisations:reception_centre_create", allowed={"imdi_admin"}),
    Route("audit:event_list", allowed=LOG_READERS),
    Route("audit:event_export", allowed=LOG_READERS),
    Route("notifications:list", allowed=LOGGED_IN),
    Route(
        "notifications:open",
        lambda world: [world.notification.pk],
        allowed={"bergen_caseworker"},
        allowed_status=302,
        hidden=LOGGED_IN - {"bergen_caseworker"},
    ),
    Route(
        "notifications:mark_read",
        lambda world: [world.notification.pk],
        method="post",
        allowed={"bergen_caseworker"},
        allowed_status=302,
        hidden=LOGGED_IN - {"bergen_caseworker"},
    ),
    Route("notifications:mark_all_read", method="post", allowed=LOGGED_IN, allowed_status=302),
]
for module in APP_ROUTE_MODULES:
    ROUTES += module.ROUTES

# Routes checked elsewhere: allauth's own pages (test_login.py), the language switch, the admin.
SEPARATELY_CHECKED_PREFIXES = ("account_", "mfa_", "admin:", "set_language")


def _route_names(patterns: list[Any], namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _route_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_route_is_in_the_permission_matrix():
    routed = {
        name
        for name in _route_names(get_resolver().url_patterns)
        if not name.startswith(SEPARATELY_CHECKED_PREFIXES)
    }
    assert routed - {route.name for route in ROUTES} == set()
    assert {route.name for route in ROUTES} - routed == set()


@pytest.fixture
def world(cast) -> SimpleNamespace:
    invited, _token = invite_user(
        by=cast.bergen_admin,
        organisation=cast.bergen.organisation,
        email="ny.saksbehandler@bergen.example.no",
        first_name="Ny",
        last_name="Saksbehandler",
        roles=[Role.MUNICIPAL_CASEWORKER],
    )
    [notification] = notify(
        recipients=[cast.bergen_caseworker], subject="Til Bergen", body="Hei", url="/", email=False
    )
    world = SimpleNamespace(
        cast=cast,
        invited=invited,
        notification=notification,
        bergen_signature=cast.agreement.signatures.get(municipality=cast.bergen),
    )
    for module in APP_ROUTE_MODULES:
        module.extend_world(world)
    return world


def _expected(route: Route, persona: str) -> int:
    if persona in route.hidden:
        return 404
    if persona in route.allowed:
        return route.allowed_status
    if persona == "anonymous" and not route.public:
        return 302
    return 403


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.name)
def test_route_answers_every_role_as_expected(route: Route, world: SimpleNamespace):
    url = reverse(route.name, args=route.args(world))
    answers = {}
    for persona in PERSONAS:
        client = (
            Client() if persona == "anonymous" else log_in(Client(), getattr(world.cast, persona))
        )
        response = getattr(client, route.method)(url)
        close_response(response)  # a download holds its file open
        answers[persona] = response.status_code
        if persona == "anonymous" and response.status_code == 302 and not route.public:
            assert response["Location"].startswith(reverse("account_login"))
    expected = {persona: _expected(route, persona) for persona in PERSONAS}
    assert answers == expected


@pytest.mark.parametrize("persona", sorted(LOGGED_IN))
def test_operators_admin_is_closed_to_every_role(persona: str, cast):
    response = log_in(Client(), getattr(cast, persona)).get(reverse("admin:index"), follow=True)
    assert response.status_code == 403


def test_operators_admin_sends_anonymous_users_to_the_two_factor_login(db):
    response = Client().get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))
