"""Login with Ansattporten against a real OpenID provider (scripts/oidc-provider), at the HTTP
level: Bosetting through Django's test client, the provider over HTTP. The browser journeys are
in tests_browser/test_ansattporten.py; the cases a browser cannot produce (a wrong nonce, a
mixed-up issuer, a rotated key) are here."""

from __future__ import annotations

import json
import re

import pytest
import requests
import time_machine
from django.test import Client
from django.urls import reverse

from bosetting.accounts.actions import deactivate_user, invite_user
from bosetting.accounts.ansattporten.pid import hash_pid
from bosetting.accounts.forms import UserStatus, status_of, with_status
from bosetting.accounts.models import User
from bosetting.accounts.roles import Role
from bosetting.audit.models import AuditEvent, EventType
from bosetting.conftest import log_in

from .ansattporten_flow import (
    SUBSTANTIAL,
    end_session_at_provider,
    log_in_at_provider,
    path_of,
    with_parameter,
)

BERGEN_ORGNO = "964338531"
OSLO_ORGNO = "974760673"
PID = "05918096587"


@pytest.fixture
def bergen(cast):
    for municipality, number in ((cast.bergen, BERGEN_ORGNO), (cast.oslo, OSLO_ORGNO)):
        municipality.organisation.organisation_number = number
        municipality.organisation.save(update_fields=["organisation_number"])
    return cast.bergen


@pytest.fixture
def invited(cast, bergen):
    user, token = invite_user(
        by=cast.bergen_admin,
        organisation=bergen.organisation,
        email="kari.nordmann@bergen.example.no",
        first_name="Kari",
        last_name="Nordmann",
        roles=[Role.MUNICIPAL_CASEWORKER],
    )
    return user, token


def _start(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 302
    return response["Location"]


def _accept(client: Client, token: str, **login) -> Client:
    authorize = _start(client, reverse("ansattporten:accept_invitation", args=[token]))
    callback = log_in_at_provider(authorize, **{"pid": PID, "orgno": BERGEN_ORGNO, **login})
    return client.get(path_of(callback))


def _refusals() -> list[dict]:
    return list(
        AuditEvent.objects.filter(event_type=EventType.ANSATTPORTEN_REFUSED)
        .order_by("id")
        .values_list("details", flat=True)
    )


def test_the_authorization_request_is_what_ansattporten_expects(ansattporten, db):
    authorize = _start(Client(), reverse("ansattporten:start"))
    assert authorize.startswith(f"{ansattporten.issuer}/auth?")
    for expected in (
        "response_type=code",
        "code_challenge_method=S256",
        "code_challenge=",
        "state=",
        "nonce=",
        "acr_values=idporten-loa-high",
        "scope=openid+profile",
        "authorization_details=",
    ):
        assert expected in authorize


def test_an_invited_user_accepts_the_invitation_by_logging_in(ansattporten, invited):
    user, token = invited
    client = Client()
    response = _accept(client, token)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200
    user.refresh_from_db()
    assert user.ansattporten_pid_hash == hash_pid(PID)
    assert PID not in user.ansattporten_pid_hash
    assert user.invitations.get().accepted_at is not None
    events = AuditEvent.objects.filter(actor=user).values_list("event_type", flat=True)
    assert list(events.order_by("id")) == [
        EventType.INVITATION_ACCEPTED,
        EventType.ANSATTPORTEN_LOGIN,
    ]
    assert PID not in json.dumps(list(AuditEvent.objects.values_list("details", flat=True)))


def test_the_next_login_goes_straight_in(ansattporten, invited):
    _accept(Client(), invited[1])
    client = Client()
    callback = log_in_at_provider(
        _start(client, reverse("ansattporten:start")), pid=PID, orgno=BERGEN_ORGNO
    )
    response = client.get(path_of(callback))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    logins = AuditEvent.objects.filter(event_type=EventType.ANSATTPORTEN_LOGIN)
    assert logins.count() == 2


def test_the_session_keeps_the_idle_limit(ansattporten, invited):
    client = Client()
    _accept(client, invited[1])
    with time_machine.travel("2099-01-01", tick=False):
        response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_wrong_organisation_is_refused(ansattporten, invited):
    client = Client()
    response = _accept(client, invited[1], orgno=OSLO_ORGNO)
    assert response.status_code == 403
    text = response.content.decode()
    assert "Du valgte en annen organisasjon enn brukeren din" in text
    assert BERGEN_ORGNO in text
    assert _refusals()[-1]["reason"] == "wrong_organisation"
    assert client.get(reverse("home")).status_code == 302
    user = User.objects.get(pk=invited[0].pk)
    assert user.ansattporten_pid_hash is None  # nothing bound


def test_a_lower_security_level_is_refused(ansattporten, invited):
    response = _accept(Client(), invited[1], acr=SUBSTANTIAL)
    assert response.status_code == 403
    assert "Sikkerhetsnivået var for lavt" in response.content.decode()
    assert _refusals()[-1]["reason"] == "acr_too_low"
    assert _refusals()[-1]["acr"] == SUBSTANTIAL


def test_a_replayed_state_is_refused(ansattporten, invited):
    client = Client()
    authorize = _start(client, reverse("ansattporten:accept_invitation", args=[invited[1]]))
    callback = path_of(log_in_at_provider(authorize, pid=PID, orgno=BERGEN_ORGNO))
    assert client.get(callback).status_code == 302
    client.post(reverse("account_logout"))
    response = client.get(callback)
    assert response.status_code == 403
    assert "Innloggingen er allerede brukt" in response.content.decode()
    assert _refusals()[-1]["reason"] == "state_invalid"


def test_an_id_token_for_another_nonce_is_refused(ansattporten, invited):
    client = Client()
    authorize = _start(client, reverse("ansattporten:accept_invitation", args=[invited[1]]))
    # The provider is asked with another nonce than the one this browser's login keeps.
    tampered = with_parameter(authorize, "nonce", "en-annen-nonce")
    response = client.get(path_of(log_in_at_provider(tampered, pid=PID, orgno=BERGEN_ORGNO)))
    assert response.status_code == 403
    assert "Svaret fra Ansattporten kunne ikke bekreftes" in response.content.decode()
    assert _refusals()[-1]["reason"] == "nonce_mismatch"


def test_an_expired_code_is_refused(ansattporten, invited):
    client = Client()
    authorize = _start(client, reverse("ansattporten:accept_invitation", args=[invited[1]]))
    callback = path_of(log_in_at_provider(authorize, pid=PID, orgno=BERGEN_ORGNO))
    ansattporten.move_clock(120)  # the code lives 60 seconds
    response = client.get(callback)
    assert response.status_code == 403
    assert "Innloggingen tok for lang tid" in response.content.decode()
    assert _refusals()[-1] == {"reason": "code_rejected", "error": "invalid_grant"}


def test_an_answer_naming_another_issuer_is_refused(ansattporten, invited):
    client = Client()
    authorize = _start(client, reverse("ansattporten:accept_invitation", args=[invited[1]]))
    callback = log_in_at_provider(authorize, pid=PID, orgno=BERGEN_ORGNO)
    response = client.get(path_of(with_parameter(callback, "iss", "https%3A%2F%2Fevil.example")))
    assert response.status_code == 403
    assert _refusals()[-1]["reason"] == "issuer_mismatch"


def test_someone_not_invited_is_told_whom_to_ask(ansattporten, bergen):
    client = Client()
    authorize = _start(client, reverse("ansattporten:start"))
    response = client.get(path_of(log_in_at_provider(authorize, pid=PID, orgno=BERGEN_ORGNO)))
    assert response.status_code == 403
    text = response.content.decode()
    assert "Du har ikke tilgang til Bosetting" in text
    assert "administratoren for Bosetting i Bergen kommune" in text
    refusal = _refusals()[-1]
    assert refusal["reason"] == "not_invited"
    assert refusal["pid_hash"] == hash_pid(PID)


def test_a_deactivated_user_is_refused(ansattporten, invited, cast):
    _accept(Client(), invited[1])
    deactivate_user(by=cast.bergen_admin, user=invited[0])
    client = Client()
    authorize = _start(client, reverse("ansattporten:start"))
    response = client.get(path_of(log_in_at_provider(authorize, pid=PID, orgno=BERGEN_ORGNO)))
    assert response.status_code == 403
    assert _refusals()[-1]["reason"] == "deactivated"


def test_the_providers_new_signing_key_is_fetched(ansattporten, invited):
    _accept(Client(), invited[1])  # the provider's keys are now known
    ansattporten.restart()  # and replaced
    client = Client()
    authorize = _start(client, reverse("ansattporten:start"))
    response = client.get(path_of(log_in_at_provider(authorize, pid=PID, orgno=BERGEN_ORGNO)))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200


def test_logging_out_ends_the_session_at_the_provider_too(ansattporten, invited):
    client = Client()
    browser = requests.Session()
    authorize = _start(client, reverse("ansattporten:accept_invitation", args=[invited[1]]))
    client.get(path_of(log_in_at_provider(authorize, pid=PID, orgno=BERGEN_ORGNO, browser=browser)))
    response = client.post(reverse("account_logout"))
    end_session = response["Location"]
    assert end_session.startswith(f"{ansattporten.issuer}/session/end?")
    assert "id_token_hint=" in end_session
    assert client.get(reverse("home")).status_code == 302  # logged out here already
    back = end_session_at_provider(end_session, browser)
    assert path_of(back).startswith(reverse("ansattporten:logged_out"))
    assert client.get(path_of(back))["Location"] == reverse("account_login")
    # The provider's session is gone: the next login asks for the person again.
    again = browser.get(_start(Client(), reverse("ansattporten:start")), timeout=10)
    assert "/interaction/" in again.url


def test_without_configuration_the_routes_are_not_found(db):
    assert Client().get(reverse("ansattporten:start")).status_code == 404
    assert Client().get(reverse("ansattporten:callback")).status_code == 404


def test_a_user_bound_through_ansattporten_counts_as_active(ansattporten, invited):
    user, token = invited
    assert status_of(user) == UserStatus.INVITED
    _accept(Client(), token)
    user.refresh_from_db()
    assert status_of(user) == UserStatus.ACTIVE
    assert with_status(User.objects.filter(pk=user.pk)).get().status == UserStatus.ACTIVE


def test_a_login_cancelled_at_the_provider_is_refused(ansattporten, invited):
    client = Client()
    authorize = _start(client, reverse("ansattporten:start"))
    state = re.search(r"[?&]state=([^&]+)", authorize).group(1)
    response = client.get(
        reverse("ansattporten:callback"),
        {"error": "access_denied", "state": state, "iss": ansattporten.issuer},
    )
    assert response.status_code == 403
    assert "Innloggingen ble avbrutt" in response.content.decode()
    assert _refusals()[-1] == {"reason": "provider_error", "error": "access_denied"}


def test_the_administrator_sees_that_the_user_logs_in_with_ansattporten(
    ansattporten, invited, cast
):
    user, token = invited
    _accept(Client(), token)
    page = log_in(Client(), cast.bergen_admin).get(reverse("accounts:user_detail", args=[user.pk]))
    assert "Ansattporten (personen er knyttet til brukeren)" in page.content.decode()
