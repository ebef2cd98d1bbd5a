"""The distribution app's routes in the permission matrix (bosetting/site/tests/test_permission_matrix.py)."""

from __future__ import annotations

from types import SimpleNamespace

from bosetting.site.tests.matrix import Route

from ..models import DecisionLetter
from .helpers import accept_and_decide, approve_places, proposed, ready_case, sent_proposal

IMDI_WORKERS = {"imdi_admin", "imdi_caseworker"}
# Caseworkers of other municipalities may answer proposals, but not Bergen's: they get 404.
# Stord has not signed the agreement: its caseworker is refused (403) before any lookup.
OTHER_CASEWORKERS = {"oslo_caseworker"}

ROUTES: list[Route] = [
    Route("distribution:work_list", allowed=IMDI_WORKERS),
    Route(
        "distribution:work_list",
        method="post",
        allowed=IMDI_WORKERS,
        allowed_status=200,  # an empty selection is shown again with its error
    ),
    Route("distribution:proposal_detail", lambda w: [w.draft.pk], allowed=IMDI_WORKERS),
    Route(
        "distribution:proposal_send",
        lambda w: [w.draft.pk],
        method="post",
        allowed=IMDI_WORKERS,
        allowed_status=302,
    ),
    Route(
        "distribution:proposal_remove_case",
        lambda w: [w.draft_item.pk],
        method="post",
        allowed=IMDI_WORKERS,
        allowed_status=302,
    ),
    Route(
        "distribution:proposal_withdraw_case",
        lambda w: [w.sent_item.pk],
        method="post",
        allowed=IMDI_WORKERS,
        allowed_status=400,  # no reason given
    ),
    Route("distribution:decide", allowed=IMDI_WORKERS),
    Route("distribution:letter_progress", allowed=IMDI_WORKERS),
    Route(
        "distribution:make_letter_again",
        lambda w: [w.letter.pk],
        method="post",
        allowed=IMDI_WORKERS,
        allowed_status=302,
    ),
    Route("distribution:proposal_list", allowed={"bergen_caseworker", "oslo_caseworker"}),
    Route(
        "distribution:answer",
        lambda w: [w.sent.pk],
        allowed={"bergen_caseworker"},
        hidden=OTHER_CASEWORKERS,
    ),
    Route(
        "distribution:letter_download",
        lambda w: [w.letter.pk],
        allowed=IMDI_WORKERS | {"bergen_caseworker"},
        hidden=OTHER_CASEWORKERS,
    ),
]


def extend_world(world: SimpleNamespace) -> None:
    """Add the objects these routes need to `world` (world.cast is the standing cast)."""
    cast = world.cast
    approve_places(cast.bergen)
    from .. import actions
    from .helpers import deadline

    draft_case, sent_case, decided_case = ready_case(), ready_case(), ready_case()
    world.draft = actions.create_proposal(
        by=cast.imdi_caseworker, municipality=cast.bergen, cases=[draft_case], deadline=deadline()
    )
    world.draft_item = proposed(world.draft, draft_case)
    world.sent = sent_proposal(cast, [sent_case])
    world.sent_item = proposed(world.sent, sent_case)
    case = accept_and_decide(cast, decided_case)
    world.letter = DecisionLetter.objects.filter(decision__case=case).first()
