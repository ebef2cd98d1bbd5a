"""The login through allauth: password, then TOTP (or enrolling it); lockout; the account pages."""

from __future__ import annotations

import re
from typing import Any

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.test import Client
from django.urls import reverse

from bosetting.accounts.tests.factories import PASSWORD
from bosetting.accounts.totp import enrol_totp, totp_code
from bosetting.audit.models import AuditEvent, EventType
from bosetting.demo.management.commands.seed_demo import DEMO_PASSWORD, DEMO_USERS

LOGIN_URL = "/konto/login/"
SECOND_STEP_URL = "/konto/2fa/authenticate/"
ENROL_URL = "/konto/2fa/totp/activate/"
RECOVERY_CODES_URL = "/konto/2fa/recovery-codes/"


def post_password(client: Client, username: str, password: str = PASSWORD) -> Any:
    return client.post(LOGIN_URL, {"login": username, "password": password})


def events(event_type: EventType) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(event_type=event_type).order_by("id"))


def other_code(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


@pytest.fixture
def user_with_totp(cast: Any) -> tuple[Any, str]:
    user = cast.bergen_caseworker
    return user, enrol_totp(user=user)


def test_login_page_labels_its_fields_in_norwegian(db):
    html = Client().get(LOGIN_URL).content.decode()
    assert '<label class="ds-label" for="id_login">Brukernavn' in html
    assert '<label class="ds-label" for="id_password">Passord' in html
    assert 'class="ds-button" data-variant="primary"' in html
    assert "Glemt passordet?" in html


def test_password_alone_with_totp_reaches_only_the_second_step(user_with_totp):
    user, _secret = user_with_totp
    client = Client()

    response = post_password(client, user.username)

    assert response.status_code == 302
    assert response["Location"] == SECOND_STEP_URL
    second_step = client.get(SECOND_STEP_URL)
    assert second_step.status_code == 200
    assert "Skriv inn engangskoden" in second_step.content.decode()
    home = client.get("/")
    assert home.status_code == 302
    assert home["Location"].startswith(LOGIN_URL)
    assert events(EventType.LOGIN) == []


def test_password_alone_without_totp_leads_only_to_enrolment(cast):
    client = Client()

    response = post_password(client, cast.bergen_caseworker.username)

    assert client.get(response["Location"])["Location"] == ENROL_URL
    for path in ["/", "/brukere/", "/logg/", "/konto/2fa/", RECOVERY_CODES_URL, "/varsler/"]:
        redirect = client.get(path)
        assert (redirect.status_code, redirect["Location"]) == (302, ENROL_URL), path
    enrolment = client.get(ENROL_URL)
    assert enrolment.status_code == 200
    html = enrolment.content.decode()
    assert "Buypass Code" in html
    assert enrolment.context["form"].secret in html
    assert 'src="data:image/svg+xml;base64,' in html


# allauth sends authenticator_added after its commit; the session records the second factor then.
# A real transaction (not the test's wrapping one) makes that happen during the request, as in use.
@pytest.mark.django_db(transaction=True)
def test_enrolling_totp_completes_the_login(cast):
    user = cast.bergen_caseworker
    client = Client()
    post_password(client, user.username)
    secret = client.get(ENROL_URL).context["form"].secret

    response = client.post(ENROL_URL, {"code": totp_code(secret)})

    assert response["Location"] == RECOVERY_CODES_URL
    codes_page = client.get(RECOVERY_CODES_URL)
    assert codes_page.status_code == 200
    unused = RecoveryCodes(Authenticator.objects.get(user=user, type="recovery_codes"))
    assert all(code in codes_page.content.decode() for code in unused.get_unused_codes())
    home = client.get("/")
    assert home.status_code == 200
    assert "Velkommen" in home.content.decode()
    assert [e.actor for e in events(EventType.TOTP_ENROLLED)] == [user]


def test_wrong_enrolment_code_is_refused_next_to_the_field(cast):
    client = Client()
    post_password(client, cast.bergen_caseworker.username)
    secret = client.get(ENROL_URL).context["form"].secret

    response = client.post(ENROL_URL, {"code": other_code(totp_code(secret))})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_code_helptext id_code_error"' in html
    assert '<div class="ds-validation-message" data-color="danger" id="id_code_error">' in html
    assert client.get("/")["Location"] == ENROL_URL


def test_enrolment_after_a_long_pause_asks_for_the_password_again(cast, time_machine):
    # allauth wants a fresh login to add an authenticator; the middleware must let that page through.
    time_machine.move_to("2026-03-02 09:00:00+01:00", tick=False)
    client = Client()
    post_password(client, cast.bergen_caseworker.username)
    time_machine.move_to("2026-03-02 09:10:00+01:00", tick=False)

    response = client.get(ENROL_URL)

    assert response.status_code == 302
    reauthenticate_url = response["Location"]
    assert reauthenticate_url.startswith(reverse("account_reauthenticate"))
    assert client.get(reauthenticate_url).status_code == 200
    confirmed = client.post(reauthenticate_url, {"password": PASSWORD})
    assert confirmed["Location"] == ENROL_URL
    assert client.get(ENROL_URL).status_code == 200


def test_right_code_completes_the_login(user_with_totp):
    user, secret = user_with_totp
    client = Client()
    post_password(client, user.username)

    response = client.post(SECOND_STEP_URL, {"code": totp_code(secret)})

    assert response.status_code == 302
    home = client.get("/")
    assert home.status_code == 200
    assert "Velkommen" in home.content.decode()
    assert [e.actor for e in events(EventType.LOGIN)] == [user]


def test_recovery_code_replaces_the_totp_code(user_with_totp):
    user, _secret = user_with_totp
    recovery_code = RecoveryCodes(
        Authenticator.objects.get(user=user, type="recovery_codes")
    ).get_unused_codes()[0]
    client = Client()
    post_password(client, user.username)

    client.post(SECOND_STEP_URL, {"code": recovery_code})

    assert client.get("/").status_code == 200


def test_wrong_code_fails_and_is_logged(user_with_totp):
    user, secret = user_with_totp
    client = Client()
    post_password(client, user.username)

    response = client.post(SECOND_STEP_URL, {"code": other_code(totp_code(secret))})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Feil kode." in html
    assert 'aria-invalid="true"' in html
    assert client.get("/")["Location"].startswith(LOGIN_URL)
    failed = events(EventType.TOTP_FAILED)
    assert [(e.actor_label, e.object_id) for e in failed] == [(user.username, str(user.pk))]
    assert events(EventType.LOGIN) == []


def test_wrong_password_is_refused_and_logged(user_with_totp):
    user, _secret = user_with_totp

    response = post_password(Client(), user.username, "feil-passord-123")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Brukernavnet og/eller passordet du oppgav er feil." in html
    assert 'class="ds-error-summary" role="alert"' in html
    assert [e.actor_label for e in events(EventType.LOGIN_FAILED)] == [user.username]


def test_five_wrong_passwords_lock_the_username(user_with_totp):
    user, _secret = user_with_totp
    client = Client()
    for _attempt in range(5):
        assert post_password(client, user.username, "feil-passord-123").status_code == 200

    response = post_password(client, user.username)

    assert response.status_code == 200
    assert "For mange innloggingsforsøk" in response.content.decode()
    assert client.get(SECOND_STEP_URL).status_code != 200
    assert len(events(EventType.LOGIN_FAILED)) == 5
    assert [e.details for e in events(EventType.LOCKOUT)] == [{"username": user.username}]


def test_lockout_of_one_username_leaves_others_alone(cast):
    client = Client()
    for _attempt in range(5):
        post_password(client, cast.bergen_caseworker.username, "feil-passord-123")

    response = post_password(client, cast.oslo_caseworker.username)

    assert response.status_code == 302


def test_logout_is_confirmed_and_logged(user_with_totp):
    user, secret = user_with_totp
    client = Client()
    post_password(client, user.username)
    client.post(SECOND_STEP_URL, {"code": totp_code(secret)})

    confirm = client.get("/konto/logout/")
    response = client.post("/konto/logout/")

    assert "Vil du logge ut av Bosetting?" in confirm.content.decode()
    assert response.status_code == 302
    assert client.get("/")["Location"].startswith(LOGIN_URL)
    assert [e.actor for e in events(EventType.LOGIN)] == [user]
    assert [e.actor for e in events(EventType.LOGOUT)] == [user]


def test_account_page_shows_totp_recovery_codes_and_password(user_with_totp, client_for):
    user, _secret = user_with_totp

    html = client_for(user).get("/konto/2fa/").content.decode()

    assert "Min konto" in html
    assert "Aktiv: du logger inn med passord og engangskode" in html
    assert "Du har 10 ubrukte gjenopprettingskoder." in html
    assert reverse("account_change_password") in html
    assert user.username in html


def test_recovery_codes_are_shown_after_confirming_the_password(user_with_totp, client_for):
    # Showing the codes later is sensitive: allauth asks the user to confirm who they are first.
    user, _secret = user_with_totp
    codes = RecoveryCodes(Authenticator.objects.get(user=user, type="recovery_codes"))
    client = client_for(user)

    response = client.get(RECOVERY_CODES_URL)
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert "Bekreft at det er deg" in client.get(response["Location"]).content.decode()
    confirmed = client.post(response["Location"], {"password": PASSWORD})

    assert confirmed["Location"] == RECOVERY_CODES_URL
    html = client.get(RECOVERY_CODES_URL).content.decode()
    assert all(f"<li><code>{code}</code></li>" in html for code in codes.get_unused_codes())


def test_account_sub_pages_speak_norwegian_after_confirming(user_with_totp, client_for):
    user, secret = user_with_totp
    client = client_for(user)
    assert "Engangskode" in client.get("/konto/2fa/reauthenticate/").content.decode()
    client.post("/konto/2fa/reauthenticate/", {"code": totp_code(secret)})

    pages = {
        "/konto/2fa/totp/deactivate/": "Slå av autentiseringsappen",
        "/konto/2fa/recovery-codes/generate/": "Lag nye gjenopprettingskoder",
        "/konto/password/change/": "Bytt passord",
    }
    for url, heading in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert f'<h1 class="ds-heading" data-size="lg">{heading}</h1>' in response.content.decode()


def test_password_reset_request_ties_its_error_to_the_field(db):
    response = Client().post("/konto/password/reset/", {"email": "ikke-en-adresse"})

    html = response.content.decode()
    assert '<label class="ds-label" for="id_email">' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_email_error"' in html


def test_password_reset_from_request_to_new_password(cast):
    user = cast.bergen_caseworker
    client = Client()

    done = client.post("/konto/password/reset/", {"email": user.email}, follow=True)
    assert "Sjekk e-posten din" in done.content.decode()

    key_url = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    form_page = client.get(key_url, follow=True)
    assert "Lag nytt passord" in form_page.content.decode()
    set_password_url = form_page.redirect_chain[-1][0]
    new_password = "et-helt-nytt-passord-2026"
    finished = client.post(
        set_password_url, {"password1": new_password, "password2": new_password}, follow=True
    )

    assert "Passordet er endret" in finished.content.decode()
    user.refresh_from_db()
    assert user.check_password(new_password)
    assert [e.actor for e in events(EventType.PASSWORD_CHANGED)] == [user]


def test_password_reset_with_a_bad_key_says_so(cast):
    user = cast.bergen_caseworker
    url = reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": "feil-nokkel"},
    )

    html = Client().get(url, follow=True).content.decode()

    assert "Lenken virker ikke" in html


def test_login_page_lists_demo_users_in_demo_mode(db, settings):
    settings.DEMO_MODE = True

    html = Client().get(LOGIN_URL).content.decode()

    for username, *_rest in DEMO_USERS:
        assert f"<code>{username}</code>" in html
    assert DEMO_PASSWORD in html
    assert ".venv/bin/python manage.py demo_totp BRUKERNAVN" in html


def test_login_page_hides_demo_users_outside_demo_mode(db):
    html = Client().get(LOGIN_URL).content.decode()

    assert DEMO_PASSWORD not in html
    assert not re.search(r"demo_totp|Demobrukere", html)
