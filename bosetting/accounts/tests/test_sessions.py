"""Sessions end after 30 minutes idle and 120 minutes in all (SessionLifetimeMiddleware)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from bosetting.accounts.tests.factories import PASSWORD
from bosetting.accounts.totp import enrol_totp, totp_code
from bosetting.audit.models import AuditEvent, EventType

LOGIN_URL = "/konto/login/"
START = "2026-03-02 09:00:00+01:00"


def expiries() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(event_type=EventType.SESSION_EXPIRED).order_by("id"))


@pytest.fixture
def logged_in(cast: Any, client_for: Any, time_machine: Any) -> tuple[Any, Client]:
    time_machine.move_to(START, tick=False)
    user = cast.bergen_caseworker
    return user, client_for(user)


def test_limits_are_thirty_and_hundred_and_twenty_minutes():
    limits = (settings.SESSION_IDLE_TIMEOUT, settings.SESSION_ABSOLUTE_TIMEOUT)
    assert limits == (timedelta(minutes=30), timedelta(minutes=120))


def test_session_survives_twenty_nine_idle_minutes(logged_in, time_machine):
    _user, client = logged_in
    time_machine.shift(timedelta(minutes=29))

    assert client.get("/").status_code == 200
    assert expiries() == []


def test_idle_session_ends_after_thirty_minutes(logged_in, time_machine):
    user, client = logged_in
    assert client.get("/").status_code == 200
    time_machine.shift(timedelta(minutes=31))

    response = client.get("/brukere/?side=2")

    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN_URL}?next=/brukere/%3Fside%3D2"
    assert [(e.actor, e.details) for e in expiries()] == [(user, {"reason": "idle"})]
    assert client.get("/")["Location"].startswith(LOGIN_URL)
    # The expiry is the event; it is not logged a second time as a logout.
    assert not AuditEvent.objects.filter(event_type=EventType.LOGOUT).exists()


def test_expired_session_is_explained_on_the_login_page(logged_in, time_machine):
    _user, client = logged_in
    time_machine.shift(timedelta(minutes=31))

    response = client.get("/", follow=True)

    body = response.content.decode()
    assert "Økten din er utløpt" in body
    assert "ikke hadde gjort noe i Bosetting på 30 minutter" in body
    assert "Logg inn på nytt for å fortsette." in body


def test_session_ends_after_two_hours_even_with_activity(logged_in, time_machine):
    user, client = logged_in
    for _ in range(11):  # a request every ten minutes, the last at 1 h 50 min
        time_machine.shift(timedelta(minutes=10))
        assert client.get("/").status_code == 200
    time_machine.shift(timedelta(minutes=11))

    response = client.get("/")

    assert response["Location"].startswith(LOGIN_URL)
    assert [(e.actor, e.details) for e in expiries()] == [(user, {"reason": "absolute"})]


def test_htmx_request_of_expired_session_is_sent_to_login(logged_in, time_machine):
    _user, client = logged_in
    time_machine.shift(timedelta(minutes=31))

    response = client.get("/varsler/", headers={"HX-Request": "true"})

    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(LOGIN_URL)


def test_two_hours_count_from_the_real_login(cast, time_machine):
    user = cast.bergen_caseworker
    secret = enrol_totp(user=user)
    time_machine.move_to(START, tick=False)
    client = Client()
    client.post(LOGIN_URL, {"login": user.username, "password": PASSWORD})
    client.post("/konto/2fa/authenticate/", {"code": totp_code(secret)})
    for _ in range(11):
        time_machine.shift(timedelta(minutes=10))
        assert client.get("/").status_code == 200

    time_machine.shift(timedelta(minutes=11))

    assert client.get("/")["Location"].startswith(LOGIN_URL)
    assert len(expiries()) == 1
