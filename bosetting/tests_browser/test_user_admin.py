"""Bergen's administrator invites a caseworker, who sets a password and TOTP; then deactivates them."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import Page, expect

from bosetting.accounts.models import User

from .support import check_axe, fresh_totp_code

pytestmark = pytest.mark.browser

NEW_PASSWORD = "Fjordutsikt-med-regn-2026"


def _run_task_worker() -> None:
    call_command("db_worker", "--batch", "--interval", "0", verbosity=0)


def test_bergen_admin_invites_a_caseworker_who_logs_in_with_two_factors(
    cast, live_server, log_in_as, browser
):
    page = log_in_as(cast.bergen_admin)
    check_axe(page)

    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Brukere").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Brukere")
    check_axe(page)
    page.get_by_role("link", name="Inviter bruker").click()
    check_axe(page)

    page.locator("#id_first_name").fill("Sigrid")
    page.locator("#id_last_name").fill("Hopland")
    page.locator("#id_email").fill("sigrid.hopland@bergen.example.no")
    page.get_by_role("button", name="Send invitasjon").click()
    # Nothing chosen under roles: the error stands next to the field and the input is kept.
    expect(page.locator("#id_roles_error")).to_be_visible()
    expect(page.locator("#id_email")).to_have_value("sigrid.hopland@bergen.example.no")
    check_axe(page)

    page.get_by_label("Saksbehandler bosetting").check()
    page.get_by_role("button", name="Send invitasjon").click()
    expect(
        page.get_by_text("Invitasjonen er sendt til sigrid.hopland@bergen.example.no")
    ).to_be_visible()
    check_axe(page)

    _run_task_worker()
    [invitation] = [m for m in mail.outbox if m.to == ["sigrid.hopland@bergen.example.no"]]
    link = re.search(r"https?://\S+/brukere/invitasjon/\S+/", invitation.body)
    assert link is not None, invitation.body
    invite_path = link.group(0).split("/brukere/", 1)[1]

    invitee = browser.new_context(locale="nb-NO").new_page()
    invitee.goto(f"{live_server.url}/brukere/{invite_path}")
    expect(invitee.get_by_role("heading", level=1)).to_have_text("Velkommen til Bosetting")
    check_axe(invitee)
    invitee.locator("#id_password1").fill(NEW_PASSWORD)
    invitee.locator("#id_password2").fill(NEW_PASSWORD)
    invitee.get_by_role("button", name="Lagre passord og gå videre").click()

    expect(invitee).to_have_url(re.compile(r"/konto/2fa/totp/activate/$"))
    check_axe(invitee)
    secret = invitee.locator("#totp-secret").inner_text().replace(" ", "").strip()
    invitee.get_by_label(re.compile("Engangskode|Kode")).first.fill(fresh_totp_code(secret))
    invitee.get_by_role("button", name=re.compile("Aktiver|Bekreft|Lagre")).click()
    invitee.goto(f"{live_server.url}/")
    expect(invitee.get_by_role("heading", level=1)).to_contain_text("Velkommen, Sigrid Hopland")
    check_axe(invitee)


def test_bergen_admin_deactivates_a_caseworker_whose_session_ends_at_once(
    cast, live_server, log_in_as, browser
):
    caseworker_page = browser.new_context(locale="nb-NO").new_page()
    from .support import log_in

    log_in(caseworker_page, live_server.url, cast.bergen_caseworker)

    page: Page = log_in_as(cast.bergen_admin)
    page.goto(f"{live_server.url}/brukere/")
    page.get_by_role("link", name=cast.bergen_caseworker.get_full_name()).click()
    check_axe(page)
    page.get_by_role("link", name="Deaktiver bruker").click()
    check_axe(page)
    page.get_by_role("button", name="Ja, deaktiver brukeren").click()
    expect(page.get_by_text("er deaktivert og logget ut")).to_be_visible()
    check_axe(page)
    assert not User.objects.get(pk=cast.bergen_caseworker.pk).is_active

    caseworker_page.goto(f"{live_server.url}/")
    expect(caseworker_page).to_have_url(re.compile(r"/konto/login/"))
