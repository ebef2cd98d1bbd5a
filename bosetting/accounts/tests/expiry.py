"""Helpers for tests of what happens when a session expires: the clock moved past the idle
limit, and the real two-step login again, as the user would do it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.test import Client

from bosetting.accounts.tests.factories import PASSWORD
from bosetting.accounts.totp import enrol_totp, totp_code, totp_secret

LOGIN_URL = "/konto/login/"
SECOND_STEP_URL = "/konto/2fa/authenticate/"
START = "2026-03-02 09:00:00+01:00"
PAST_IDLE_LIMIT = timedelta(minutes=31)


def log_in_again(client: Client, user: Any, *, next_url: str | None) -> str:
    """Password and TOTP code on the login page the user was sent to; returns where they land."""
    secret = totp_secret(user) or enrol_totp(user=user)
    data = {"login": user.username, "password": PASSWORD}
    if next_url is not None:
        data["next"] = next_url
    password_step = client.post(LOGIN_URL, data)
    assert password_step["Location"] == SECOND_STEP_URL
    second_step = client.post(SECOND_STEP_URL, {"code": totp_code(secret)})
    assert second_step.status_code == 302, second_step.content.decode()
    return str(second_step["Location"])


def next_of(location: str) -> str | None:
    """The `next` of a redirect to the login page, unquoted."""
    values = parse_qs(urlsplit(location).query).get("next")
    return values[0] if values else None
