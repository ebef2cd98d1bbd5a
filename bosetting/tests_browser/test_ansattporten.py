"""Login with Ansattporten in a real browser, through the test provider (scripts/oidc-provider),
with an axe check on every page of Bosetting visited. A wrong nonce and a mixed-up issuer cannot
be produced by a browser: accounts/tests/test_ansattporten.py drives those at the HTTP level."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from bosetting.accounts.actions import invite_user
from bosetting.accounts.roles import Role
from bosetting.audit.models import AuditEvent, EventType

from .support import check_axe, save_screenshot

pytestmark = pytest.mark.browser

BERGEN_ORGNO = "964338531"
OSLO_ORGNO = "974760673"
PID = "05918096587"
CALLBACK = re.compile(r"/konto/ansattporten/tilbake/")


@pytest.fixture
def invitation(cast) -> str:
    for municipality, number in ((cast.bergen, BERGEN_ORGNO), (cast.oslo, OSLO_ORGNO)):
        municipality.organisation.organisation_number = number
        municipality.organisation.save(update_fields=["organisation_number"])
    _user, token = invite_user(
        by=cast.bergen_admin,
        organisation=cast.bergen.organisation,
        email="kari.nordmann@bergen.example.no",
        first_name="Kari",
        last_name="Nordmann",
        roles=[Role.MUNICIPAL_CASEWORKER],
    )
    return token


def log_in_at_provider(
    page: Page, *, orgno: str = BERGEN_ORGNO, acr: str = "idporten-loa-high"
) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Ansattporten (test)")
    page.get_by_label("Fødselsnummer").fill(PID)
    page.get_by_label("Navn", exact=True).fill("Kari Nordmann")
    page.get_by_label("Organisasjonsnummer du representerer").fill(orgno)
    page.get_by_label("Sikkerhetsnivå").select_option(acr)
    page.get_by_role("button", name="Logg inn").click()


def accept_invitation(page: Page, live_server, token: str, **login) -> None:
    page.goto(f"{live_server.url}/brukere/invitasjon/{token}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Velkommen til Bosetting")
    check_axe(page)
    page.get_by_role("link", name="Logg inn med Ansattporten").click()
    log_in_at_provider(page, **login)


def refusal_reason() -> str:
    event = AuditEvent.objects.filter(event_type=EventType.ANSATTPORTEN_REFUSED).latest("id")
    return str(event.details["reason"])


def test_an_invited_caseworker_accepts_and_logs_in_again(
    page, live_server, ansattporten, invitation
):
    accept_invitation(page, live_server, invitation)
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_text("Invitasjonen er tatt i bruk")).to_be_visible()
    check_axe(page)
    save_screenshot(page, "ansattporten-start-page")

    # Logging out ends the session at the provider too, and comes back to the login page.
    page.get_by_role("button", name="Logg ut").click()
    expect(page).to_have_url(re.compile(r"/konto/login/"))
    expect(page.get_by_text("Du er logget ut av Bosetting og Ansattporten.")).to_be_visible()
    check_axe(page)
    save_screenshot(page, "ansattporten-login")

    # The next login goes straight in: no invitation, the person is known.
    page.get_by_role("link", name="Logg inn med Ansattporten").click()
    log_in_at_provider(page)
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("button", name="Logg ut")).to_be_visible()
    events = AuditEvent.objects.filter(event_type=EventType.ANSATTPORTEN_LOGIN)
    assert events.count() == 2


@pytest.mark.parametrize(
    ("login", "heading", "reason"),
    [
        (
            {"orgno": OSLO_ORGNO},
            "Du valgte en annen organisasjon enn brukeren din",
            "wrong_organisation",
        ),
        ({"acr": "idporten-loa-substantial"}, "Sikkerhetsnivået var for lavt", "acr_too_low"),
    ],
    ids=["wrong-organisation", "substantial"],
)
def test_a_refused_login_says_why(
    page, live_server, ansattporten, invitation, login, heading, reason
):
    accept_invitation(page, live_server, invitation, **login)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    check_axe(page)
    save_screenshot(page, f"ansattporten-refused-{reason}")
    assert refusal_reason() == reason


def test_a_replayed_answer_is_refused(page, live_server, ansattporten, invitation):
    callbacks: list[str] = []
    page.on(
        "request",
        lambda request: callbacks.append(request.url) if CALLBACK.search(request.url) else None,
    )
    accept_invitation(page, live_server, invitation)
    expect(page).to_have_url(f"{live_server.url}/")
    page.goto(callbacks[0])
    expect(page.get_by_role("heading", level=1)).to_have_text("Innloggingen er allerede brukt")
    check_axe(page)
    assert refusal_reason() == "state_invalid"


def test_an_expired_code_is_refused(page, live_server, ansattporten, invitation):
    ansattporten.expire_next_code()
    accept_invitation(page, live_server, invitation)
    expect(page.get_by_role("heading", level=1)).to_have_text("Innloggingen tok for lang tid")
    check_axe(page)
    assert refusal_reason() == "code_rejected"


def test_imdis_administrator_records_an_organisation_number(page, log_in_as, live_server, cast):
    log_in_as(cast.imdi_admin)
    page.goto(f"{live_server.url}/organisasjoner/kommuner/{cast.bergen.number}/")
    page.get_by_role("link", name="Endre organisasjonsnummer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Organisasjonsnummeret til {cast.bergen.organisation}"
    )
    check_axe(page)
    page.get_by_label("Organisasjonsnummer").fill("964 338 532")
    page.get_by_role("button", name="Lagre").click()
    expect(
        page.get_by_text("Kontrollsifferet stemmer ikke. Sjekk organisasjonsnummeret.", exact=True)
    ).to_be_visible()
    expect(page.get_by_label("Organisasjonsnummer")).to_have_value("964 338 532")
    check_axe(page)
    page.get_by_label("Organisasjonsnummer").fill("964 338 531")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_text("Organisasjonsnummer: 964338531")).to_be_visible()
    check_axe(page)
