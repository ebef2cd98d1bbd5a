"""The archive app's routes in the permission matrix (bosetting/site/tests/test_permission_matrix.py).

Each package is offered to whoever may open its page, and answers as that page does: 404 for
those who may not know the object exists, 403 for those without the permission at all. The
objects are those the cases, planning and distribution routes put in the world.
"""

from __future__ import annotations

from types import SimpleNamespace

from bosetting.cases.tests.routes import CASE_WORKERS, NOT_YET
from bosetting.planning.tests.routes import BERGEN_REQUEST_READERS
from bosetting.planning.tests.routes import OTHER_CASEWORKERS as OTHER_REQUEST_READERS
from bosetting.site.tests.matrix import IMDI, Route

IMDI_WORKERS = {"imdi_admin", "imdi_caseworker"}

ROUTES: list[Route] = [
    # A case being assessed at Fana mottak: no municipality reaches it yet.
    Route(
        "archive:case_package",
        lambda world: [world.case.pk],
        allowed=CASE_WORKERS,
        hidden=NOT_YET,
    ),
    # A case Bergen said yes to and IMDi decided: Bergen's caseworker reaches it, Oslo's not.
    Route(
        "archive:case_package",
        lambda world: [world.letter.decision.case_id],
        allowed=IMDI_WORKERS | {"bergen_caseworker"},
        hidden={"oslo_caseworker", "reception_staff"},
    ),
    Route(
        "archive:request_package",
        lambda world: [world.bergen_request.pk],
        allowed=IMDI | BERGEN_REQUEST_READERS,
        hidden=OTHER_REQUEST_READERS,
    ),
    Route(
        "archive:proposal_package",
        lambda world: [world.sent.pk],
        allowed=IMDI_WORKERS | {"bergen_caseworker"},
        hidden={"oslo_caseworker"},
    ),
]


def extend_world(world: SimpleNamespace) -> None:
    """Nothing of its own: the cases, planning and distribution routes made the objects."""
