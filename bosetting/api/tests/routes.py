"""The api app's routes in the permission matrix (bosetting/site/tests/test_permission_matrix.py).

The endpoints take a bearer token only: a logged-in browser session is not accepted, so every
persona, logged in or not, gets 401 (they are marked public because the site's login redirect
does not apply to them). The schema and its docs are public on purpose (docs/adr). The client
screens are ordinary pages for IMDi's administrators.
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from bosetting.api.actions import create_client
from bosetting.api.scopes import Scope
from bosetting.cases.tests.factories import make_case
from bosetting.site.tests.matrix import PERSONAS, Route

EVERYONE = set(PERSONAS)


def _token_only(
    name: str, args: Callable[[SimpleNamespace], list[Any]] = lambda world: []
) -> Route:
    return Route(name, args, allowed=EVERYONE, allowed_status=401, public=True)


ROUTES: list[Route] = [
    _token_only("api:case_list"),
    _token_only("api:case_detail", lambda world: [world.api_case.pk]),
    _token_only("api:person_detail", lambda world: [world.api_person.pk]),
    _token_only("api:municipality_list"),
    Route(
        "api:person_settlement",
        lambda world: [world.api_person.pk],
        method="post",
        allowed=EVERYONE,
        allowed_status=401,
        public=True,
    ),
    # What no endpoint takes answers 404 in JSON, to everyone: it says nothing about any data.
    Route(
        "api:not_found",
        lambda world: ["cases/ikke-et-tall/"],
        allowed=EVERYONE,
        allowed_status=404,
        public=True,
    ),
    Route("api:schema", allowed=EVERYONE, public=True),
    Route("api:docs", allowed=EVERYONE, public=True),
    Route("api:client_list", allowed={"imdi_admin"}),
    Route("api:client_create", allowed={"imdi_admin"}),
    Route("api:client_revoke", lambda world: [world.api_client.pk], allowed={"imdi_admin"}),
    Route(
        "api:client_revoke",
        lambda world: [world.api_client.pk],
        method="post",
        allowed={"imdi_admin"},
        allowed_status=302,
    ),
]


def extend_world(world: SimpleNamespace) -> None:
    """Add the objects these routes need to `world` (world.cast is the standing cast)."""
    cast = world.cast
    world.api_case = make_case(centre=cast.centre)
    world.api_person = world.api_case.members.first()
    world.api_client, _token = create_client(
        by=cast.imdi_admin,
        name="Fana mottak – beboersystem",
        organisation=cast.centre.organisation,
        scopes=[Scope.CASES_READ],
    )
