"""What is kept when a form is posted after the session expired, where, for whom and how long
(kept_input.py, ADR 13). The note on a case stands for every form that opts in."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from bosetting.accounts.kept_input import KEPT_INPUT
from bosetting.accounts.tests.expiry import (
    LOGIN_URL,
    PAST_IDLE_LIMIT,
    START,
    log_in_again,
    next_of,
)
from bosetting.cases.models import Case, Note
from bosetting.cases.tests.factories import make_case

NOTE = "Ringte tolken: familien kan flytte i mars."
RESTORED = "Det du skrev før økten utløp, er hentet fram igjen."


@pytest.fixture
def case(cast: Any) -> Case:
    return make_case(centre=cast.centre)


@pytest.fixture
def expired(cast: Any, client_for: Any, time_machine: Any, case: Case) -> Client:
    """IMDi's caseworker had the case page open past the idle limit."""
    time_machine.move_to(START, tick=False)
    client: Client = client_for(cast.imdi_caseworker)
    client.get(reverse("cases:case_detail", args=[case.pk]))
    time_machine.shift(PAST_IDLE_LIMIT)
    return client


def post_note(client: Client, case: Case, **extra: str) -> Any:
    page = reverse("cases:case_detail", args=[case.pk])
    return client.post(
        reverse("cases:note_add", args=[case.pk]),
        {"text": NOTE, **extra},
        headers={"Referer": f"http://testserver{page}"},
    )


def test_note_posted_after_expiry_is_not_saved_but_sent_to_login_back_to_the_case(expired, case):
    response = post_note(expired, case)

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)
    assert next_of(response["Location"]) == reverse("cases:case_detail", args=[case.pk])
    assert not Note.objects.exists()


def test_login_page_says_what_was_typed_is_kept(expired, case):
    post_note(expired, case)

    body = expired.get(LOGIN_URL).content.decode()

    assert "Økten din er utløpt" in body
    assert "Det du skrev i skjemaet, er tatt vare på i 15 minutter, men ikke lagret." in body


def test_after_login_the_case_page_has_the_note_filled_in_and_it_saves(cast, expired, case):
    page = reverse("cases:case_detail", args=[case.pk])
    post_note(expired, case)

    landed = log_in_again(expired, cast.imdi_caseworker, next_url=page)
    body = expired.get(landed).content.decode()

    assert landed == page
    assert f"{NOTE}</textarea>" in body
    assert RESTORED in body and "Det er ikke lagret ennå" in body
    assert not Note.objects.exists()
    expired.post(reverse("cases:note_add", args=[case.pk]), {"text": NOTE})
    assert list(Note.objects.values_list("text", flat=True)) == [NOTE]


def test_kept_input_is_given_back_once(cast, expired, case):
    page = reverse("cases:case_detail", args=[case.pk])
    post_note(expired, case)
    log_in_again(expired, cast.imdi_caseworker, next_url=page)
    expired.get(page)

    again = expired.get(page).content.decode()

    assert NOTE not in again and RESTORED not in again


def test_kept_input_is_never_given_to_someone_else_logging_in(cast, expired, case):
    page = reverse("cases:case_detail", args=[case.pk])
    post_note(expired, case)

    log_in_again(expired, cast.imdi_admin, next_url=page)
    body = expired.get(page).content.decode()

    assert NOTE not in body and RESTORED not in body
    assert KEPT_INPUT not in expired.session


def test_kept_input_is_in_the_cache_not_in_the_session_store(expired, case):
    post_note(expired, case)

    reference = expired.session[KEPT_INPUT]
    stored_sessions = [row.get_decoded() for row in Session.objects.all()]

    assert NOTE not in repr(stored_sessions)
    assert cache.get("kept-input:" + reference["token"]) == [("text", NOTE)]


def test_kept_input_is_gone_after_fifteen_minutes(cast, expired, case, time_machine):
    page = reverse("cases:case_detail", args=[case.pk])
    post_note(expired, case)
    assert timedelta(minutes=15) == settings.KEPT_INPUT_TIMEOUT

    time_machine.shift(timedelta(minutes=16))
    log_in_again(expired, cast.imdi_caseworker, next_url=page)
    body = expired.get(page).content.decode()

    assert NOTE not in body and RESTORED not in body


def test_csrf_token_and_passwords_are_never_kept(expired, case):
    post_note(expired, case, csrfmiddlewaretoken="x" * 64, password="hemmelig-passord")

    reference = expired.session[KEPT_INPUT]

    assert cache.get("kept-input:" + reference["token"]) == [("text", NOTE)]


def test_a_forged_post_after_expiry_keeps_nothing(expired, case):
    expired.handler.enforce_csrf_checks = True

    response = post_note(expired, case)

    assert response.status_code == 403
    assert KEPT_INPUT not in expired.session


def test_a_post_without_an_expired_session_in_this_browser_keeps_nothing(db, case):
    """Nobody's session expired here (a new browser): there is no one to give it back to."""
    anonymous = Client()

    response = post_note(anonymous, case)

    assert response["Location"].startswith(LOGIN_URL)
    assert KEPT_INPUT not in anonymous.session


def test_a_post_after_the_session_already_ended_elsewhere_is_kept(cast, expired, case):
    """The first request after the limit ended the session (another tab, the dialog asking how
    long is left); the note posted next comes from an anonymous session, and is still kept."""
    expired.get("/")

    post_note(expired, case)
    log_in_again(
        expired, cast.imdi_caseworker, next_url=reverse("cases:case_detail", args=[case.pk])
    )
    body = expired.get(reverse("cases:case_detail", args=[case.pk])).content.decode()

    assert f"{NOTE}</textarea>" in body
