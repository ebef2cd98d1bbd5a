"""The cases app's routes in the permission matrix (bosetting/site/tests/test_permission_matrix.py).

`world.case` lives at Fana mottak (Bergen) and is being assessed: reception staff there reach it,
IMDi's caseworkers and administrators reach it, and municipal caseworkers, who hold the person
file permissions, get 404 because no case is matched to any municipality yet; their case list
opens, with their matched and settled households only. Stord has no agreement, so its
caseworker is refused (403) before the case is even looked up.
"""

from __future__ import annotations

from types import SimpleNamespace

from django.core.files.uploadedfile import SimpleUploadedFile

from bosetting.cases import actions
from bosetting.cases.actions import HealthInput
from bosetting.site.tests.matrix import Route

from .factories import make_case

CASE_WORKERS = {"imdi_admin", "imdi_caseworker", "reception_staff"}
# Municipal caseworkers with a signed agreement hold the person-file permissions, but see no case.
NOT_YET = {"bergen_caseworker", "oslo_caseworker"}


def _case(world: SimpleNamespace) -> list[int]:
    return [world.case.pk]


def _person(world: SimpleNamespace) -> list[int]:
    return [world.person.pk]


ROUTES: list[Route] = [
    Route("cases:case_list", allowed=CASE_WORKERS | NOT_YET),
    Route("cases:case_list", method="post", allowed=CASE_WORKERS | NOT_YET),
    Route("cases:case_register", allowed=CASE_WORKERS),
    Route("cases:case_detail", _case, allowed=CASE_WORKERS, hidden=NOT_YET),
    # A household living privately: reception staff may not know it exists.
    Route(
        "cases:case_detail",
        lambda world: [world.private_case.pk],
        allowed={"imdi_admin", "imdi_caseworker"},
        hidden=NOT_YET | {"reception_staff"},
    ),
    Route("cases:member_add", _case, allowed=CASE_WORKERS),
    Route("cases:case_mark_ready", _case, method="post", allowed=CASE_WORKERS, allowed_status=302),
    Route("cases:case_reopen", _case, method="post", allowed=CASE_WORKERS, allowed_status=302),
    Route("cases:case_summary", _case, allowed=CASE_WORKERS),
    Route("cases:document_upload", _case, allowed=CASE_WORKERS, hidden=NOT_YET),
    Route(
        "cases:note_add",
        _case,
        method="post",
        allowed=CASE_WORKERS,
        allowed_status=302,
        hidden=NOT_YET,
    ),
    Route(
        "cases:document_download",
        lambda world: [world.document.pk],
        allowed=CASE_WORKERS,
        hidden=NOT_YET,
    ),
    Route("cases:person_detail", _person, allowed=CASE_WORKERS, hidden=NOT_YET),
    Route("cases:assessment_edit", _person, allowed=CASE_WORKERS),
    Route("cases:person_edit", _person, allowed=CASE_WORKERS),
    Route(
        "cases:assessment_version",
        lambda world: [world.person.pk, 1],
        allowed=CASE_WORKERS,
        hidden=NOT_YET,
    ),
    Route("cases:health_details", _person, allowed=CASE_WORKERS, hidden=NOT_YET),
]


def extend_world(world: SimpleNamespace) -> None:
    """Add the objects these routes need to `world` (world.cast is the standing cast)."""
    cast = world.cast
    world.case = make_case(centre=cast.centre, children=1)
    world.person = world.case.members.order_by("pk").first()
    actions.save_assessment(by=None, person=world.person, data={}, health=HealthInput())
    world.private_case = make_case()
    world.document = actions.upload_document(
        by=None,
        case=world.case,
        title="Vitnemål",
        upload=SimpleUploadedFile("vitnemal.pdf", b"%PDF-1.4\n"),
    )
