"""«Forlenge økten?»: the page tells the dialog how long is left; the session address answers it
(GET, not activity) and extends the session (POST, activity), never past the 120 minutes."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client

from bosetting.accounts.tests.expiry import LOGIN_URL, START
from bosetting.audit.models import AuditEvent, EventType

SESSION_URL = "/konto/okt/"


@pytest.fixture
def logged_in(cast: Any, client_for: Any, time_machine: Any) -> Client:
    time_machine.move_to(START, tick=False)
    client: Client = client_for(cast.imdi_caseworker)
    return client


def body_attributes(html: str) -> dict[str, str]:
    tag = re.search(r"<body[^>]*>", html)
    assert tag is not None
    return dict(re.findall(r'(data-session-[a-z-]+)="([^"]*)"', tag.group(0)))


def test_page_tells_the_script_how_long_the_session_has_left(logged_in, time_machine):
    logged_in.get("/")
    time_machine.shift(timedelta(minutes=10))

    html = logged_in.get("/").content.decode()

    assert body_attributes(html) == {
        "data-session-url": SESSION_URL,
        "data-session-idle-seconds": "1800",
        "data-session-absolute-seconds": str(110 * 60),
        "data-session-warning-seconds": "120",
    }


def test_every_page_carries_the_dialog_and_its_script_deferred(logged_in):
    html = logged_in.get("/").content.decode()

    assert '<dialog id="session-dialog" class="ds-dialog session-dialog"' in html
    assert "Forlenge økten?" in html and "Forleng økten" in html and "Logg ut" in html
    assert re.search(r'<script src="/static/bosetting/session-timeout\.js" defer>', html)
    assert "<script>" not in html  # nothing inline: the coming Content-Security-Policy


def test_login_page_has_no_dialog(db):
    html = Client().get(LOGIN_URL).content.decode()

    assert "session-dialog" not in html and "session-timeout.js" not in html
    assert body_attributes(html) == {}


def test_asking_how_long_is_left_is_not_activity(logged_in, time_machine):
    logged_in.get("/")
    time_machine.shift(timedelta(minutes=20))

    answer = logged_in.get(SESSION_URL).json()
    time_machine.shift(timedelta(minutes=11))

    assert answer == {
        "idle_seconds": 600,
        "absolute_seconds": 100 * 60,
        "seconds": 600,
        "extendable": True,
    }
    assert logged_in.get("/")["Location"].startswith(LOGIN_URL)


def test_extending_counts_as_activity(logged_in, time_machine):
    logged_in.get("/")
    time_machine.shift(timedelta(minutes=29))

    answer = logged_in.post(SESSION_URL).json()
    time_machine.shift(timedelta(minutes=29))

    assert answer["idle_seconds"] == 1800
    assert logged_in.get("/").status_code == 200


def test_extending_cannot_pass_the_two_hour_limit(logged_in, time_machine):
    for _ in range(4):  # extended every 29 minutes, the last at 1 h 56 min
        time_machine.shift(timedelta(minutes=29))
        answer = logged_in.post(SESSION_URL).json()

    assert answer == {
        "idle_seconds": 1800,
        "absolute_seconds": 4 * 60,
        "seconds": 4 * 60,
        "extendable": False,
    }
    time_machine.shift(timedelta(minutes=5))
    assert logged_in.post(SESSION_URL)["Location"].startswith(LOGIN_URL)
    [expiry] = AuditEvent.objects.filter(event_type=EventType.SESSION_EXPIRED)
    assert expiry.details == {"reason": "absolute"}


def test_extending_needs_the_csrf_token(cast, client_for, time_machine):
    time_machine.move_to(START, tick=False)
    client = client_for(cast.imdi_caseworker)
    client.handler.enforce_csrf_checks = True

    assert client.post(SESSION_URL).status_code == 403


def test_session_address_of_an_expired_session_sends_the_script_to_login(logged_in, time_machine):
    time_machine.shift(timedelta(minutes=31))

    response = logged_in.get(SESSION_URL)

    # The script asks without following redirects: a redirect means the session is gone.
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)
