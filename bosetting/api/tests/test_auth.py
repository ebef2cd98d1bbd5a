"""Who gets in: a valid, unrevoked token with the endpoint's scope, and nothing else."""

import pytest
from django.test import Client
from django.urls import reverse

from bosetting.api.actions import revoke_client
from bosetting.api.scopes import Scope

from .conftest import TokenClient

CASES = "/api/v1/cases/"


def _is_error(response, status):
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"detail", "errors"}
    return body


def test_call_without_token_is_401_in_norwegian(db):
    body = _is_error(Client().get(CASES), 401)
    assert "Bearer" in body["detail"]


def test_unknown_token_is_401(cast, make_api_client):
    client, _api = make_api_client(cast.centre.organisation, [Scope.CASES_READ])
    forged = TokenClient(f"bos_{client.token_prefix}_feil")
    assert _is_error(forged.get(CASES), 401)["detail"] == "Ukjent eller tilbakekalt token."
    assert _is_error(TokenClient("noe-annet").get(CASES), 401)


def test_malformed_header_is_401(db):
    response = Client().get(CASES, HTTP_AUTHORIZATION="Bearer to deler")
    _is_error(response, 401)


def test_revoked_token_is_refused_at_once(cast, make_api_client):
    client, api = make_api_client(cast.centre.organisation, [Scope.CASES_READ])
    assert api.get(CASES).status_code == 200
    revoke_client(by=cast.imdi_admin, client=client)
    _is_error(api.get(CASES), 401)


def test_missing_scope_is_403_naming_the_scope(cast, make_api_client):
    _client, api = make_api_client(cast.bergen.organisation, [Scope.FIGURES_READ])
    body = _is_error(api.get(CASES), 403)
    assert body["detail"] == "API-klienten har ikke tilgangen cases:read."


def test_a_logged_in_session_is_not_accepted(cast, client_for):
    _is_error(client_for(cast.imdi_admin).get(CASES), 401)


def test_writes_are_not_offered(cast, make_api_client):
    _client, api = make_api_client(cast.centre.organisation, [Scope.CASES_READ])
    assert _is_error(api.delete(CASES), 405)["detail"] == "Metoden DELETE er ikke tillatt her."


def test_a_call_records_when_the_client_was_last_used(cast, make_api_client):
    client, api = make_api_client(cast.centre.organisation, [Scope.CASES_READ])
    assert client.last_used_at is None
    api.get(CASES)
    client.refresh_from_db()
    assert client.last_used_at is not None


@pytest.mark.parametrize("password", ["", "!", "unusable"])
def test_service_user_cannot_log_in(cast, make_api_client, password):
    client, _api = make_api_client(cast.centre.organisation, [Scope.CASES_READ])
    browser = Client()
    browser.post(
        reverse("account_login"),
        {"login": client.service_user.username, "password": password},
    )
    assert "_auth_user_id" not in browser.session
    assert browser.get(reverse("home")).status_code == 302


def test_too_many_calls_are_429(cast, make_api_client, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"api_client": "3/minute"},
    }
    _client, api = make_api_client(cast.centre.organisation, [Scope.CASES_READ])
    _other, other_api = make_api_client(cast.centre.organisation, [Scope.CASES_READ], name="B")
    assert [api.get(CASES).status_code for _ in range(3)] == [200, 200, 200]
    response = api.get(CASES)
    body = _is_error(response, 429)
    assert body["detail"].startswith("For mange kall.")
    assert int(response["Retry-After"]) > 0
    # The limit is per client: another client is not held back by the first.
    assert other_api.get(CASES).status_code == 200
