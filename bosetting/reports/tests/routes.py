"""The reports app's routes in the permission matrix (bosetting/site/tests/test_permission_matrix.py)."""

from __future__ import annotations

from types import SimpleNamespace

from bosetting.planning.tests.factories import MunicipalDecisionFactory, SettlementRequestFactory
from bosetting.site.tests.matrix import IMDI, Route

# The report is for IMDi and for a municipality's caseworkers and readers; Bergen's reader and
# caseworker, Oslo's and Stord's caseworkers see their own municipality. Administrators do not.
REPORT_READERS = IMDI | {
    "bergen_caseworker",
    "bergen_reader",
    "oslo_caseworker",
    "stord_caseworker",
}

ROUTES: list[Route] = [
    Route("reports:index", allowed=REPORT_READERS),
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


# The specialised settlement report names persons: IMDi's caseworkers and administrators, and the
# caseworkers of municipalities with the agreement (Stord has none: 403).
SPECIALISED_READERS = {"imdi_admin", "imdi_caseworker", "bergen_caseworker", "oslo_caseworker"}
# National figures, small counts of others suppressed for municipalities.
NATIONAL_READERS = REPORT_READERS

ROUTES += [
    Route("reports:specialised_settlement", allowed=SPECIALISED_READERS),
    *[
        Route(
            "reports:specialised_settlement_export",
            args=lambda world, file_format=file_format: ["4601", file_format],
            # Oslo's caseworker asks for Bergen's persons: refused (403), Oslo's own is fine.
            allowed=SPECIALISED_READERS - {"oslo_caseworker"},
        )
        for file_format in ("xlsx", "csv")
    ],
    Route("reports:national_settlement", allowed=NATIONAL_READERS),
    *[
        Route(
            "reports:national_settlement_export",
            args=lambda world, file_format=file_format: [file_format],
            allowed=NATIONAL_READERS,
        )
        for file_format in ("xlsx", "csv")
    ],
]


def extend_world(world: SimpleNamespace) -> None:
    """Add the objects these routes need to `world` (world.cast is the standing cast)."""
    # The report renders its chart and every export only when there are figures.
    MunicipalDecisionFactory(request__municipality=world.cast.bergen)
    SettlementRequestFactory(municipality=world.cast.oslo)
