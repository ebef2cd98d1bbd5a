"""The settlement app's routes in the permission matrix (bosetting/site/tests/test_permission_matrix.py).

`world.settlement_case` is a household living privately, matched to Bergen: Bergen's caseworker
registers it; Oslo's caseworker and the reception staff may not know it exists (404).
`world.settled_person` lived at Fana mottak, was matched to Oslo and is settled: only the centre
corrects it (a municipality registers persons who lived privately), so Oslo gets 404. The centre
no longer opens the person's file, but still corrects the date it registered, shown without
identity (settlement.queries.anonymous_label).
"""

from __future__ import annotations

from types import SimpleNamespace

from django.utils import timezone

from bosetting.cases.models import Person
from bosetting.settlement.actions import register_settlement
from bosetting.site.tests.matrix import Route

from .factories import make_matched_case

# Stord's caseworker holds the permission, but Stord has not signed the agreement: 403.
REGISTRARS = {"bergen_caseworker", "oslo_caseworker", "reception_staff"}

ROUTES: list[Route] = [
    Route("settlement:pending", allowed=REGISTRARS),
    Route(
        "settlement:register_case",
        lambda world: [world.settlement_case.pk],
        allowed={"bergen_caseworker"},
        hidden={"oslo_caseworker", "reception_staff"},
    ),
    Route(
        "settlement:register_case",
        lambda world: [world.settlement_case.pk],
        method="post",
        allowed={"bergen_caseworker"},
        hidden={"oslo_caseworker", "reception_staff"},
    ),
    Route(
        "settlement:correct",
        lambda world: [world.settled_person.pk],
        allowed={"reception_staff"},
        hidden={"bergen_caseworker", "oslo_caseworker"},
    ),
    # The centre's residents who moved out; every centre sees its own (test_moved_out.py).
    Route("settlement:moved_out", allowed={"reception_staff"}),
]


def extend_world(world: SimpleNamespace) -> None:
    """Add the objects these routes need to `world` (world.cast is the standing cast)."""
    world.settlement_case = make_matched_case(municipality=world.cast.bergen)
    settled_case = make_matched_case(municipality=world.cast.oslo, centre=world.cast.centre)
    world.settled_person = Person.objects.get(case=settled_case)
    register_settlement(by=None, persons=[world.settled_person], settled_on=timezone.localdate())
