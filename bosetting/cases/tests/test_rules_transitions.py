"""The state table of a case: every move it does not list is refused, and leaves no trace."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.db import transaction

from bosetting.audit.models import AuditEvent, EventType
from bosetting.cases.models import Case, CaseState
from bosetting.cases.transitions import ALLOWED_MOVES, CaseStateError, change_case_state

from .factories import make_case

# Already covered one by one in test_transitions.py.
COVERED = {
    (CaseState.BEING_ASSESSED, CaseState.PROPOSED),
    (CaseState.BEING_ASSESSED, CaseState.MATCHED),
    (CaseState.READY, CaseState.MATCHED),
    (CaseState.READY, CaseState.SETTLED),
    (CaseState.MATCHED, CaseState.READY),
    (CaseState.PROPOSED, CaseState.SETTLED),
}
REFUSED = [
    (start, to)
    for start in CaseState
    for to in CaseState
    if to not in ALLOWED_MOVES[start] and (start, to) not in COVERED
]


def _case_in(state: CaseState) -> Case:
    case = make_case()
    Case.objects.filter(pk=case.pk).update(state=state)
    case.refresh_from_db()
    return case


def test_the_table_is_the_life_of_a_case_in_domain_md():
    assert {start: set(moves) for start, moves in ALLOWED_MOVES.items()} == {
        CaseState.BEING_ASSESSED: {CaseState.READY},
        CaseState.READY: {CaseState.BEING_ASSESSED, CaseState.PROPOSED},
        CaseState.PROPOSED: {CaseState.READY, CaseState.MATCHED},
        CaseState.MATCHED: {CaseState.SETTLED},
        CaseState.SETTLED: {CaseState.MATCHED},
    }


@pytest.mark.parametrize(("start", "to"), REFUSED, ids=[f"{s.value}-{t.value}" for s, t in REFUSED])
def test_a_move_the_table_does_not_list_is_refused_without_an_event(cast, start, to):
    case = _case_in(start)
    events = AuditEvent.objects.count()
    with pytest.raises(CaseStateError), transaction.atomic():
        change_case_state(by=cast.imdi_caseworker, case=case, to=to)
    case.refresh_from_db()
    assert case.state == start
    assert AuditEvent.objects.count() == events


def test_the_refusal_names_both_states_in_norwegian(cast):
    case = _case_in(CaseState.BEING_ASSESSED)
    with pytest.raises(CaseStateError) as error, transaction.atomic():
        change_case_state(by=cast.imdi_caseworker, case=case, to=CaseState.SETTLED)
    assert error.value.message == "Saken er under kartlegging og kan ikke bli bosatt."


def test_a_move_saves_the_municipality_set_with_it_and_logs_it_for_that_municipality(cast):
    case = _case_in(CaseState.PROPOSED)
    case.municipality = cast.bergen
    with transaction.atomic():
        change_case_state(by=cast.imdi_caseworker, case=case, to=CaseState.MATCHED)
    stored = Case.objects.get(pk=case.pk)
    assert (stored.state, stored.municipality) == (CaseState.MATCHED, cast.bergen)
    event = AuditEvent.objects.filter(event_type=EventType.CASE_STATE_CHANGED).first()
    assert event is not None and event.municipality == cast.bergen
    assert event.summary == f"Sak {case.reference}: Søkt ut"


def test_the_time_of_the_move_is_kept(cast):
    case = _case_in(CaseState.BEING_ASSESSED)
    moment = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)
    with time_machine.travel(moment, tick=False), transaction.atomic():
        change_case_state(by=cast.imdi_caseworker, case=case, to=CaseState.READY)
    assert Case.objects.get(pk=case.pk).state_changed_at == moment
