"""After an expiry the login page says why, and after login the user is back on the page they
were on: never on an address that only receives forms (it could only answer 405)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from bosetting.accounts.tests.expiry import log_in_again
from bosetting.cases.models import Case
from bosetting.cases.tests.factories import make_case


@pytest.fixture
def case(cast: Any) -> Case:
    return make_case(centre=cast.centre)


def case_page(case: Case) -> str:
    return reverse("cases:case_detail", args=[case.pk])


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
