from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from bosetting.accounts.permissions import AccessDenied
from bosetting.audit.models import AuditEvent, EventType
from bosetting.cases.models import CaseState, Person
from bosetting.notifications.models import Notification
from bosetting.settlement.actions import (
    SettlementError,
    age_on,
    register_settlement,
    send_due_reminders,
    withdraw_settlement,
)
from bosetting.settlement.models import Settlement, SettlementReminder, Source

from .factories import make_matched_case

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _persons(case: Any) -> list[Person]:
    return list(Person.objects.filter(case=case).order_by("pk"))


def test_registering_every_person_settles_the_case(cast: Any) -> None:
    case = make_matched_case(municipality=cast.bergen, children=1)
    settlements = register_settlement(
        by=cast.bergen_caseworker, persons=_persons(case), settled_on=TODAY()
    )
    case.refresh_from_db()
    assert case.state == CaseState.SETTLED
    assert [s.source for s in settlements] == [Source.MUNICIPALITY] * 2
    assert {s.municipality for s in settlements} == {cast.bergen}
    assert AuditEvent.objects.filter(event_type=EventType.SETTLEMENT_REGISTERED).count() == 2


def test_registering_some_persons_leaves_the_case_matched(cast: Any) -> None:
    case = make_matched_case(municipality=cast.bergen, children=1)
    register_settlement(by=cast.bergen_caseworker, persons=_persons(case)[:1], settled_on=TODAY())
    case.refresh_from_db()
    assert case.state == CaseState.MATCHED


def test_date_may_be_the_decision_day_but_not_before(cast: Any) -> None:
    decided = TODAY() - datetime.timedelta(days=10)
    case = make_matched_case(municipality=cast.bergen, decided_on=decided, children=1)
    first, _second = _persons(case)
    with pytest.raises(SettlementError) as error:
        register_settlement(
            by=cast.bergen_caseworker,
            persons=[first],
            settled_on=decided - datetime.timedelta(days=1),
        )
    assert error.value.field == "settled_on"
    assert "før vedtaket" in error.value.message
    register_settlement(by=cast.bergen_caseworker, persons=[first], settled_on=decided)
    assert Settlement.objects.filter(person=first, is_current=True).exists()


def test_date_in_the_future_is_refused(cast: Any) -> None:
    case = make_matched_case(municipality=cast.bergen)
    with pytest.raises(SettlementError, match="frem i tid"):
        register_settlement(
            by=cast.bergen_caseworker,
            persons=_persons(case),
            settled_on=TODAY() + datetime.timedelta(days=1),
        )
    assert not Settlement.objects.exists()


def test_correction_needs_a_reason_and_keeps_the_history(cast: Any) -> None:
    decided = TODAY() - datetime.timedelta(days=10)
    case = make_matched_case(municipality=cast.bergen, decided_on=decided)
    persons = _persons(case)
    register_settlement(by=cast.bergen_caseworker, persons=persons, settled_on=TODAY())
    with pytest.raises(SettlementError) as error:
        register_settlement(by=cast.bergen_caseworker, persons=persons, settled_on=decided)
    assert error.value.field == "reason"
    register_settlement(
        by=cast.bergen_caseworker, persons=persons, settled_on=decided, reason="Feil dato"
    )
    rows = list(Settlement.objects.filter(person=persons[0]).order_by("pk"))
    assert [(r.settled_on, r.is_current) for r in rows] == [(TODAY(), False), (decided, True)]
    assert rows[1].corrects == rows[0]
    event = AuditEvent.objects.get(event_type=EventType.SETTLEMENT_CORRECTED)
    assert event.details["reason"] == "Feil dato"
    case.refresh_from_db()
    assert case.state == CaseState.SETTLED


def test_withdrawal_makes_a_settled_case_matched_again(cast: Any) -> None:
    case = make_matched_case(municipality=cast.bergen)
    persons = _persons(case)
    register_settlement(by=cast.bergen_caseworker, persons=persons, settled_on=TODAY())
    with pytest.raises(SettlementError):
        withdraw_settlement(by=cast.bergen_caseworker, person=persons[0], reason=" ")
    withdraw_settlement(by=cast.bergen_caseworker, person=persons[0], reason="Flyttet aldri")
    case.refresh_from_db()
    assert case.state == CaseState.MATCHED
    assert not Settlement.objects.filter(is_current=True).exists()


def test_only_persons_of_matched_cases_can_be_registered(cast: Any) -> None:
    from bosetting.cases.tests.factories import make_case

    case = make_case()
    with pytest.raises(SettlementError, match="søkt ut"):
        register_settlement(by=None, persons=_persons(case), settled_on=TODAY())


def test_another_municipality_may_not_register(cast: Any) -> None:
    case = make_matched_case(municipality=cast.bergen)
    with pytest.raises(AccessDenied):
        register_settlement(by=cast.oslo_caseworker, persons=_persons(case), settled_on=TODAY())


def test_municipality_may_not_register_a_reception_centre_resident(cast: Any) -> None:
    case = make_matched_case(municipality=cast.bergen, centre=cast.centre)
    with pytest.raises(AccessDenied):
        register_settlement(by=cast.bergen_caseworker, persons=_persons(case), settled_on=TODAY())


def test_reception_staff_register_their_own_residents(cast: Any) -> None:
    case = make_matched_case(municipality=cast.oslo, centre=cast.centre)
    [settlement] = register_settlement(
        by=cast.reception_staff, persons=_persons(case), settled_on=TODAY()
    )
    assert settlement.source == Source.RECEPTION_CENTRE
    assert settlement.municipality == cast.oslo


def test_reception_staff_may_not_register_persons_living_privately(cast: Any) -> None:
    case = make_matched_case(municipality=cast.bergen)
    with pytest.raises(AccessDenied):
        register_settlement(by=cast.reception_staff, persons=_persons(case), settled_on=TODAY())


@pytest.mark.parametrize("persona", ["imdi_caseworker", "bergen_reader", "stord_caseworker"])
def test_users_without_the_right_may_not_register(cast: Any, persona: str) -> None:
    case = make_matched_case(municipality=cast.stord if "stord" in persona else cast.bergen)
    with pytest.raises(AccessDenied):
        register_settlement(by=getattr(cast, persona), persons=_persons(case), settled_on=TODAY())


def test_age_is_counted_in_whole_years_on_the_settlement_day() -> None:
    born = datetime.date(2010, 6, 15)
    assert age_on(born, datetime.date(2026, 6, 14)) == 15
    assert age_on(born, datetime.date(2026, 6, 15)) == 16


def test_reminder_goes_once_per_case_after_the_set_days(cast: Any) -> None:
    old = make_matched_case(
        municipality=cast.bergen, decided_on=TODAY() - datetime.timedelta(days=14)
    )
    make_matched_case(municipality=cast.bergen, decided_on=TODAY() - datetime.timedelta(days=13))
    assert send_due_reminders(today=TODAY(), days=14) == 1
    assert send_due_reminders(today=TODAY(), days=14) == 0
    assert SettlementReminder.objects.get().case == old
    notification = Notification.objects.get()
    assert notification.recipient == cast.bergen_caseworker
    assert old.reference in notification.body
    assert notification.subject == "Bosettingsdato mangler for 1 sak"
    assert notification.body.startswith(
        "Denne saken ble søkt ut til kommunen for mer enn 14 dager siden"
    )
    assert AuditEvent.objects.filter(event_type=EventType.SETTLEMENT_REMINDER_SENT).count() == 1


def test_settled_cases_are_not_reminded(cast: Any) -> None:
    case = make_matched_case(
        municipality=cast.bergen, decided_on=TODAY() - datetime.timedelta(days=30)
    )
    register_settlement(by=cast.bergen_caseworker, persons=_persons(case), settled_on=TODAY())
    assert send_due_reminders(today=TODAY(), days=14) == 0


@override_settings(SETTLEMENT_REMINDER_DAYS=3)
def test_reminder_command_reads_the_days_from_settings(cast: Any, capsys: Any) -> None:
    make_matched_case(municipality=cast.bergen, decided_on=TODAY() - datetime.timedelta(days=3))
    call_command("send_settlement_reminders")
    assert "Påminnelser sendt for 1 sak\n" in capsys.readouterr().out
