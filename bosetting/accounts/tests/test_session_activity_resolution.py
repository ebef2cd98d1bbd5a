"""Activity is written to the session at most once a minute; the timeout still counts from it."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bosetting.accounts.session_lifetime import ACTIVITY_RESOLUTION_SECONDS, LAST_SEEN_AT

pytestmark = pytest.mark.django_db


def _session_writes(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return sum(1 for query in queries if query["sql"].startswith('UPDATE "django_session"'))


def test_a_request_within_the_minute_does_not_write_the_session(cast: Any, client_for: Any) -> None:
    start = datetime.datetime(2026, 12, 7, 12, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        client = client_for(cast.bergen_caseworker)
        url = reverse("home")
        client.get(url)
        seen = client.session[LAST_SEEN_AT]
        clock.shift(ACTIVITY_RESOLUTION_SECONDS - 1)
        assert _session_writes(client, url) == 0
        assert client.session[LAST_SEEN_AT] == seen
        clock.shift(1)
        assert _session_writes(client, url) == 1
        assert client.session[LAST_SEEN_AT] == seen + ACTIVITY_RESOLUTION_SECONDS


def test_the_idle_timeout_counts_from_the_last_written_activity(
    cast: Any, client_for: Any, settings: Any
) -> None:
    start = datetime.datetime(2026, 12, 7, 12, 0, tzinfo=datetime.UTC)
    idle = settings.SESSION_IDLE_TIMEOUT.total_seconds()
    with time_machine.travel(start, tick=False) as clock:
        client = client_for(cast.bergen_caseworker)
        url = reverse("home")
        client.get(url)
        clock.shift(30)
        client.get(url)  # within the minute: not written
        clock.shift(idle - 30 + 1)  # idle since the written activity, not since the last request
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
