"""Requests and decisions move only along their tables; every other move is refused."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from bosetting.planning.errors import PlanningError
from bosetting.planning.models import MunicipalDecision, SettlementRequest
from bosetting.planning.transitions import (
    DECISION_MOVES,
    REQUEST_MOVES,
    change_decision_state,
    change_request_state,
)

from .factories import MunicipalDecisionFactory, SettlementRequestFactory

pytestmark = pytest.mark.django_db

Request = SettlementRequest.State
Decision = MunicipalDecision.State


def _pairs(moves: dict[str, frozenset[str]], *, allowed: bool) -> list[tuple[str, str]]:
    return [(start, to) for start in moves for to in moves if (to in moves[start]) == allowed]


def _request_stamps(to: str, by: Any) -> dict[str, Any]:
    """What the action that makes the move stamps beside the state."""
    return {"sent_at": timezone.now(), "sent_by": by} if to == Request.SENT else {}


def _decision_stamps(to: str, by: Any) -> dict[str, Any]:
    now = timezone.now()
    return {
        Decision.APPROVED: {"approved_at": now, "approved_by": by},
        Decision.ACKNOWLEDGED: {"acknowledged_at": now, "acknowledged_by": by},
    }.get(to, {})


def test_the_tables_know_every_state_and_nothing_else():
    assert set(REQUEST_MOVES) == set(Request.values)
    assert set().union(*REQUEST_MOVES.values()) <= set(Request.values)
    assert set(DECISION_MOVES) == set(Decision.values)
    assert set().union(*DECISION_MOVES.values()) <= set(Decision.values)


@pytest.mark.parametrize(("start", "to"), _pairs(REQUEST_MOVES, allowed=True))
def test_allowed_request_move_is_saved(cast, start, to):
    request = SettlementRequestFactory(municipality=cast.bergen, state=start)
    with transaction.atomic():
        change_request_state(
            request=request, to=Request(to), **_request_stamps(to, cast.imdi_caseworker)
        )
    request.refresh_from_db()
    assert request.state == to


@pytest.mark.parametrize(("start", "to"), _pairs(REQUEST_MOVES, allowed=False))
def test_request_move_outside_the_table_is_refused(cast, start, to):
    request = SettlementRequestFactory(municipality=cast.bergen, state=start)
    with pytest.raises(PlanningError), transaction.atomic():
        change_request_state(request=request, to=Request(to))
    request.refresh_from_db()
    assert request.state == start


@pytest.mark.parametrize(("start", "to"), _pairs(DECISION_MOVES, allowed=True))
def test_allowed_decision_move_is_saved(cast, start, to):
    decision = MunicipalDecisionFactory(
        request__municipality=cast.bergen, state=start, registered_by=cast.bergen_caseworker
    )
    with transaction.atomic():
        change_decision_state(
            decision=decision, to=Decision(to), **_decision_stamps(to, cast.imdi_caseworker)
        )
    decision.refresh_from_db()
    assert decision.state == to


@pytest.mark.parametrize(("start", "to"), _pairs(DECISION_MOVES, allowed=False))
def test_decision_move_outside_the_table_is_refused(cast, start, to):
    decision = MunicipalDecisionFactory(
        request__municipality=cast.bergen, state=start, registered_by=cast.bergen_caseworker
    )
    with pytest.raises(PlanningError), transaction.atomic():
        change_decision_state(decision=decision, to=Decision(to))
    decision.refresh_from_db()
    assert decision.state == start


@pytest.mark.parametrize(
    ("start", "to", "message"),
    [
        (Decision.APPROVED, Decision.APPROVED, "Bare et utkast kan godkjennes."),
        (
            Decision.DRAFT,
            Decision.ACKNOWLEDGED,
            "Bare et godkjent vedtak som ikke er kvittert ut, kan kvitteres.",
        ),
        (Decision.REPLACED, Decision.APPROVED, "Bare et utkast kan godkjennes."),
        (
            Decision.DRAFT,
            Decision.REPLACED,
            "Vedtaket har status «Utkast» og kan ikke få status «Erstattet».",
        ),
    ],
)
def test_refused_decision_move_says_why_in_norwegian(cast, start, to, message):
    decision = MunicipalDecisionFactory(request__municipality=cast.bergen, state=start)
    with pytest.raises(PlanningError) as error, transaction.atomic():
        change_decision_state(decision=decision, to=to)
    assert error.value.message == message


@pytest.mark.parametrize(
    ("start", "to", "message"),
    [
        (Request.SENT, Request.SENT, "Anmodningen til Bergen er allerede sendt."),
        (
            Request.DRAFT,
            Request.DECIDED,
            "Anmodningen har status «Utkast» og kan ikke få status «Vedtak mottatt».",
        ),
    ],
)
def test_refused_request_move_says_why_in_norwegian(cast, start, to, message):
    request = SettlementRequestFactory(municipality=cast.bergen, state=start)
    with pytest.raises(PlanningError) as error, transaction.atomic():
        change_request_state(request=request, to=to)
    assert error.value.message == message
