"""The reports app's routes in the permission matrix (bosetting/core/tests/test_permission_matrix.py)."""

from __future__ import annotations

from types import SimpleNamespace

from bosetting.core.tests.matrix import IMDI, Route
from bosetting.planning.tests.factories import MunicipalDecisionFactory, SettlementRequestFactory

# The report is for IMDi and for a municipality's caseworkers and readers; Bergen's reader and
# caseworker, Oslo's and Stord's caseworkers see their own municipality. Administrators do not.
REPORT_READERS = IMDI | {
    "bergen_caseworker",
    "bergen_reader",
    "oslo_caseworker",
    "stord_caseworker",
}

ROUTES: list[Route] = [
    Route("reports:requests_and_decisions", allowed=REPORT_READERS),
    Route("reports:requests_and_decisions_over_years", allowed=REPORT_READERS),
    *[
        Route(
            name, args=lambda world, file_format=file_format: [file_format], allowed=REPORT_READERS
        )
        for name in (
            "reports:requests_and_decisions_export",
            "reports:requests_and_decisions_over_years_export",
        )
        for file_format in ("xlsx", "csv")
    ],
    Route(
        "reports:requests_and_decisions_export", args=lambda world: ["pdf"], allowed=REPORT_READERS
    ),
]


def extend_world(world: SimpleNamespace) -> None:
    """Add the objects these routes need to `world` (world.cast is the standing cast)."""
    # The report renders its chart and every export only when there are figures.
    MunicipalDecisionFactory(request__municipality=world.cast.bergen)
    SettlementRequestFactory(municipality=world.cast.oslo)
