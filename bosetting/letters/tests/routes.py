"""The letters app's routes in the permission matrix (bosetting/site/tests/test_permission_matrix.py)."""

from __future__ import annotations

from types import SimpleNamespace

from bosetting.site.tests.matrix import Route

from ..models import LetterKind, LetterTemplate

# The letters' texts are IMDi's official wording: only its administrator edits them.
ROUTES: list[Route] = [
    Route("letters:template_list", allowed={"imdi_admin"}),
    Route("letters:template_edit", lambda w: [w.letter_template.pk], allowed={"imdi_admin"}),
    Route(
        "letters:template_edit",
        lambda w: [w.letter_template.pk],
        method="post",
        allowed={"imdi_admin"},
        allowed_status=400,  # an empty form is shown again with its errors
    ),
    Route(
        "letters:translation_add", lambda w: [LetterKind.DECISION_HOUSEHOLD], allowed={"imdi_admin"}
    ),
]


def extend_world(world: SimpleNamespace) -> None:
    world.letter_template = LetterTemplate.objects.get(
        kind=LetterKind.DECISION_HOUSEHOLD, language="nob"
    )
