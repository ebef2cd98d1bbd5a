"""The planning app's routes in the permission matrix (bosetting/site/tests/test_permission_matrix.py)."""

from __future__ import annotations

from types import SimpleNamespace

from django.utils import timezone

from bosetting.site.tests.matrix import BERGEN, IMDI, Route

from .helpers import decide, send

IMDI_WORKERS = {"imdi_admin", "imdi_caseworker"}
MUNICIPAL_REQUEST_READERS = {
    "bergen_caseworker",
    "bergen_reader",
    "oslo_caseworker",
    "stord_caseworker",
}
BERGEN_REQUEST_READERS = {"bergen_caseworker", "bergen_reader"}
# Caseworkers of other municipalities may read requests, but not Bergen's: they get 404.
OTHER_CASEWORKERS = {"oslo_caseworker", "stord_caseworker"}


def _request(world: SimpleNamespace) -> list[int]:
    return [world.bergen_request.pk]


ROUTES: list[Route] = [
    Route("planning:request_list", allowed=MUNICIPAL_REQUEST_READERS),
    Route(
        "planning:request_detail",
        _request,
        allowed=IMDI | BERGEN_REQUEST_READERS,
        hidden=OTHER_CASEWORKERS,
    ),
    Route(
        "planning:letter_download",
        lambda world: [world.bergen_version.pk],
        allowed=IMDI | BERGEN_REQUEST_READERS,
        hidden=OTHER_CASEWORKERS,
    ),
    Route(
        "planning:decision_form",
        _request,
        allowed={"bergen_caseworker"},
        hidden=OTHER_CASEWORKERS,
    ),
    Route(
        "planning:decision_approve",
        lambda world: [world.bergen_draft_decision.pk],
        method="post",
        allowed={"bergen_caseworker"},
        allowed_status=302,
        hidden=OTHER_CASEWORKERS,
    ),
    Route(
        "planning:decision_document",
        lambda world: [world.oslo_decision.pk],
        allowed=IMDI | {"oslo_caseworker"},
        hidden=BERGEN_REQUEST_READERS | {"stord_caseworker"},
    ),
    Route("planning:overview", allowed=IMDI),
    Route("planning:send_reminders", method="post", allowed=IMDI_WORKERS, allowed_status=302),
    Route(
        "planning:decision_acknowledge",
        lambda world: [world.oslo_decision.pk],
        method="post",
        allowed=IMDI_WORKERS,
        allowed_status=302,
    ),
    Route("planning:prepare", allowed=IMDI_WORKERS),
    Route("planning:upload", allowed=IMDI_WORKERS),
    Route("planning:upload_template", allowed=IMDI_WORKERS),
    Route("planning:send", allowed=IMDI_WORKERS),
    Route("planning:letter_progress", allowed=IMDI_WORKERS),
    Route(
        "planning:make_letter_again",
        lambda world: [world.bergen_version.pk],
        method="post",
        allowed=IMDI_WORKERS,
        allowed_status=302,
    ),
    Route("planning:adjust", _request, allowed=IMDI_WORKERS),
]

assert BERGEN >= BERGEN_REQUEST_READERS


def extend_world(world: SimpleNamespace) -> None:
    """Add the objects these routes need to `world` (world.cast is the standing cast)."""
    cast = world.cast
    # Next year's: the reports app's world makes this year's with factories.
    year = timezone.localdate().year + 1
    world.bergen_request = send(cast, cast.bergen, year=year)
    world.bergen_version = world.bergen_request.versions.get()
    world.bergen_draft_decision = decide(cast, world.bergen_request, approve=False)
    oslo_request = send(cast, cast.oslo, 600, 40, year=year)
    world.oslo_decision = decide(cast, oslo_request, 550, approve=True, by=cast.oslo_caseworker)
