"""After an expiry the login page says why, and after login the user is back on the page they
were on: never on an address that only receives forms (it could only answer 405)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from bosetting.accounts.tests.expiry import (
    LOGIN_URL,
    PAST_IDLE_LIMIT,
    START,
    log_in_again,
    next_of,
)
from bosetting.cases.models import Case
from bosetting.cases.tests.factories import make_case

EXPIRED = "Økten din er utløpt"


@pytest.fixture
def case(cast: Any) -> Case:
    return make_case(centre=cast.centre)


@pytest.fixture
def logged_in(cast: Any, client_for: Any, time_machine: Any) -> Client:
    time_machine.move_to(START, tick=False)
    client: Client = client_for(cast.imdi_caseworker)
    return client


def case_page(case: Case) -> str:
    return reverse("cases:case_detail", args=[case.pk])


def test_login_page_names_the_thirty_idle_minutes(logged_in, time_machine):
    time_machine.shift(PAST_IDLE_LIMIT)
    logged_in.get("/")

    body = logged_in.get(LOGIN_URL).content.decode()

    assert EXPIRED in body
    assert "fordi du ikke hadde gjort noe i Bosetting på 30 minutter" in body


def test_login_page_names_the_limit_of_a_hundred_and_twenty_minutes(logged_in, time_machine):
    for _ in range(5):  # active every 25 minutes, the last at 2 h 5 min
        time_machine.shift(timedelta(minutes=25))
        logged_in.get("/")

    body = logged_in.get(LOGIN_URL).content.decode()

    assert EXPIRED in body
    assert "du kan være logget inn i høyst 120 minutter om gangen" in body


def test_login_page_says_nothing_of_expiry_after_a_normal_logout(logged_in):
    logged_in.post("/konto/logout/")

    body = logged_in.get(LOGIN_URL).content.decode()

    assert EXPIRED not in body


def test_expiry_is_no_longer_mentioned_once_logged_in_again(cast, logged_in, time_machine):
    time_machine.shift(PAST_IDLE_LIMIT)
    logged_in.get("/")
    log_in_again(logged_in, cast.imdi_caseworker, next_url=None)
    logged_in.post("/konto/logout/")

    assert EXPIRED not in logged_in.get(LOGIN_URL).content.decode()


def test_post_after_expiry_returns_to_the_page_it_was_posted_from(logged_in, time_machine, case):
    time_machine.shift(PAST_IDLE_LIMIT)

    response = logged_in.post(
        reverse("cases:case_mark_ready", args=[case.pk]),
        headers={"Referer": f"http://testserver{case_page(case)}?fane=2"},
    )

    assert next_of(response["Location"]) == f"{case_page(case)}?fane=2"


def test_htmx_post_after_expiry_returns_to_the_page_htmx_names(logged_in, time_machine):
    time_machine.shift(PAST_IDLE_LIMIT)

    response = logged_in.post(
        reverse("notifications:mark_all_read"),
        headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/varsler/"},
    )

    assert response.status_code == 204
    assert next_of(response["HX-Redirect"]) == "/varsler/"


def test_post_only_address_is_never_the_return_address(logged_in, time_machine, case):
    time_machine.shift(PAST_IDLE_LIMIT)

    response = logged_in.post(reverse("cases:case_mark_ready", args=[case.pk]))

    assert response["Location"] == LOGIN_URL


def test_another_sites_referer_is_never_the_return_address(logged_in, time_machine, case):
    time_machine.shift(PAST_IDLE_LIMIT)

    response = logged_in.post(
        reverse("cases:case_mark_ready", args=[case.pk]),
        headers={"Referer": "https://angriper.example.com/saker/1/"},
    )

    assert response["Location"] == LOGIN_URL


def test_get_of_a_post_only_address_does_not_lead_back_to_it(db, case):
    response = Client().get(reverse("cases:note_add", args=[case.pk]))

    assert response["Location"] == LOGIN_URL


def test_login_never_sends_the_user_to_a_post_only_address(cast, case):
    client = Client()

    landed = log_in_again(
        client, cast.imdi_caseworker, next_url=reverse("cases:note_add", args=[case.pk])
    )

    assert landed == "/"
    assert client.get(landed).status_code == 200


def test_login_still_returns_to_a_page(cast, case):
    landed = log_in_again(Client(), cast.imdi_caseworker, next_url=case_page(case))

    assert landed == case_page(case)
