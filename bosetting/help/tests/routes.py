"""The help app's routes in the permission matrix (bosetting/site/tests/test_permission_matrix.py).

The guides are public: they hold no personal data, and the login page links to them.
"""

from __future__ import annotations

from types import SimpleNamespace

from bosetting.site.tests.matrix import PERSONAS, Route

EVERYONE = set(PERSONAS)

ROUTES: list[Route] = [
    Route("help:index", allowed=EVERYONE, public=True),
    Route(
        "help:guide", args=lambda world: ["kommune-saksbehandler"], allowed=EVERYONE, public=True
    ),
    # A guide that does not exist is 404 for everyone.
    Route("help:guide", args=lambda world: ["finnes-ikke"], hidden=EVERYONE, public=True),
    Route("help:search", allowed=EVERYONE, public=True),
]


def extend_world(world: SimpleNamespace) -> None:
    """The guides need nothing from the database."""
