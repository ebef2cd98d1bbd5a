"""A case moves only along the life DOMAIN.md gives it, and every move is in the log."""

from __future__ import annotations

import pytest
from django.db import transaction

from bosetting.audit.models import AuditEvent, EventType
from bosetting.cases.models import CaseState
from bosetting.cases.tests.factories import make_case
from bosetting.cases.transitions import ALLOWED_MOVES, CaseStateError, change_case_state


@pytest.mark.parametrize(
    ("start", "to"),
    [(start, to) for start, moves in ALLOWED_MOVES.items() for to in moves],
)
def test_allowed_move_changes_state_and_is_logged(cast, start, to):
    case = make_case(centre=cast.centre)
    case.state = start
    case.save()
    with transaction.atomic():
        change_case_state(by=cast.imdi_caseworker, case=case, to=to, reason="test")
    case.refresh_from_db()
    assert case.state == to
    event = AuditEvent.objects.filter(event_type=EventType.CASE_STATE_CHANGED).first()
    assert event is not None and event.details == {"from": start, "to": to, "reason": "test"}


@pytest.mark.parametrize(
    ("start", "to"),
    [
        (CaseState.BEING_ASSESSED, CaseState.PROPOSED),
        (CaseState.BEING_ASSESSED, CaseState.MATCHED),
        (CaseState.READY, CaseState.MATCHED),
        (CaseState.READY, CaseState.SETTLED),
        (CaseState.MATCHED, CaseState.READY),
        (CaseState.PROPOSED, CaseState.SETTLED),
    ],
)
def test_move_outside_the_cases_life_is_refused(cast, start, to):
    case = make_case(centre=cast.centre)
    case.state = start
    case.save()
    with pytest.raises(CaseStateError), transaction.atomic():
        change_case_state(by=cast.imdi_caseworker, case=case, to=to)
    case.refresh_from_db()
    assert case.state == start
