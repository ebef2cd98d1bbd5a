"""send_request_reminders: safe to run from cron every day."""

from __future__ import annotations

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command

from bosetting.audit.models import AuditEvent, EventType
from bosetting.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _run_on(day: datetime.date) -> str:
    out = io.StringIO()
    with time_machine.travel(datetime.datetime.combine(day, datetime.time(7)), tick=False):
        call_command("send_request_reminders", stdout=out)
    return out.getvalue()


def test_command_reminds_once_fourteen_days_before_the_deadline(cast, bergen_request):
    first_day = bergen_request.deadline - datetime.timedelta(days=14)
    assert "Påminnelser sendt: 0" in _run_on(first_day - datetime.timedelta(days=1))
    assert "Påminnelser sendt: 1" in _run_on(first_day)
    assert "Påminnelser sendt: 0" in _run_on(first_day)
    event = AuditEvent.objects.get(event_type=EventType.REQUEST_REMINDER_SENT)
    assert event.details == {"automatic": True} and event.actor is None
    assert Notification.objects.filter(
        recipient=cast.bergen_caseworker, subject__startswith="Påminnelse"
    ).exists()


def test_the_setting_moves_the_day(cast, bergen_request, settings):
    settings.PLANNING_REMINDER_DAYS_BEFORE_DEADLINE = 3
    assert "Påminnelser sendt: 0" in _run_on(bergen_request.deadline - datetime.timedelta(days=5))
    assert "Påminnelser sendt: 1" in _run_on(bergen_request.deadline - datetime.timedelta(days=3))
