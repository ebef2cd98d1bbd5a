"""The request formula's routes in the permission matrix (bosetting/site/tests/test_permission_matrix.py).

IMDi's administrator alone edits the formula and the national numbers; an empty post is
answered with the form and its errors (200).
"""

from __future__ import annotations

from types import SimpleNamespace

from bosetting.site.tests.matrix import Route

ADMIN = {"imdi_admin"}

ROUTES: list[Route] = [
    Route("requestformula:proposal", allowed=ADMIN),
    Route("requestformula:proposal", method="post", allowed=ADMIN),
    Route("requestformula:national_numbers", method="post", allowed=ADMIN),
    Route("requestformula:prefill", method="post", allowed=ADMIN),
    # Without national numbers for the year the download sends the user back to the page.
    Route("requestformula:proposal_pdf", allowed=ADMIN, allowed_status=302),
]


def extend_world(world: SimpleNamespace) -> None:
    """These routes need nothing beyond the standing cast."""
