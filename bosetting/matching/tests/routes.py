"""The matching app's routes in the permission matrix (bosetting/site/tests/test_permission_matrix.py).

Plans are IMDi's alone, with the work list's permission: every municipal user and the reception
centre are refused (403), as are IMDi's readers. The special-needs profile is the other way
round: a municipality's caseworkers and administrators edit their own, and IMDi's plan makers
read every municipality's."""

from __future__ import annotations

from types import SimpleNamespace

from django.utils import timezone

from bosetting.distribution.tests.helpers import approve_places, ready_case
from bosetting.site.tests.matrix import Route

from .. import actions

IMDI_WORKERS = {"imdi_admin", "imdi_caseworker"}
PROFILE_EDITORS = {
    "bergen_admin",
    "bergen_caseworker",
    "oslo_admin",
    "oslo_caseworker",
    "stord_admin",
    "stord_caseworker",
}

ROUTES: list[Route] = [
    Route("matching:start", allowed=IMDI_WORKERS),
    Route(
        "matching:start",
        method="post",
        allowed=IMDI_WORKERS,
        allowed_status=200,  # an empty form is shown again with its errors
    ),
    Route("matching:run", lambda w: [w.plan_run.pk], allowed=IMDI_WORKERS),
    Route("matching:move", lambda w: [w.plan_assignment.pk], allowed=IMDI_WORKERS),
    Route(
        "matching:move",
        lambda w: [w.plan_assignment.pk],
        method="post",
        allowed=IMDI_WORKERS,
        allowed_status=200,  # no reason given: the form again with its error
    ),
    Route(
        "matching:make_proposals",
        lambda w: [w.plan_run.pk],
        method="post",
        allowed=IMDI_WORKERS,
        allowed_status=302,
    ),
    Route(
        "matching:restart",
        lambda w: [w.plan_run.pk],
        method="post",
        allowed=IMDI_WORKERS,
        allowed_status=302,  # a finished run is not started again: back to it with the reason
    ),
    Route("matching:needs_profiles", allowed=IMDI_WORKERS),
    Route("matching:own_needs_profile", allowed=PROFILE_EDITORS),
    Route(
        "matching:own_needs_profile",
        method="post",
        allowed=PROFILE_EDITORS,
        allowed_status=302,  # nothing ticked is a valid answer: saved, and back to the page
    ),
]


def extend_world(world: SimpleNamespace) -> None:
    """A solved plan of one ready case (world.cast is the standing cast)."""
    cast = world.cast
    approve_places(cast.bergen)
    ready_case()
    run = actions.start_plan_run(
        by=cast.imdi_caseworker,
        year=timezone.localdate().year,
        filters={},
        weights={},
        time_limit=5,
    )
    actions.solve_plan_run(run.pk)
    world.plan_run = run
    world.plan_assignment = run.assignments.first()
