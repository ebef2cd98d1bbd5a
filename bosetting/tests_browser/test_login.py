"""The login journeys in a real browser, with an axe check on every page visited."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from bosetting.accounts.totp import enrol_totp, totp_code
from bosetting.audit.models import AuditEvent, EventType
from bosetting.demo.management.commands.seed_demo import DEMO_USERS

from .support import check_axe, fill_password_step, fresh_totp_code, save_screenshot

pytestmark = pytest.mark.browser


def heading(page: Page) -> object:
    return expect(page.get_by_role("heading", level=1))


def test_first_login_enrols_totp_and_reaches_the_start_page(page, live_server, cast):
    user = cast.bergen_caseworker
    page.goto(f"{live_server.url}/konto/login/")
    heading(page).to_have_text("Logg inn i Bosetting")
    check_axe(page)
    save_screenshot(page, "login")

    fill_password_step(page, live_server.url, user.username)

    expect(page).to_have_url(re.compile(r"/konto/2fa/totp/activate/$"))
    heading(page).to_have_text("Sett opp tofaktorinnlogging")
    expect(page.get_by_text("Buypass Code")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("QR-kode"))).to_be_visible()
    check_axe(page)
    save_screenshot(page, "enrolment")
    secret = page.locator("#totp-secret").inner_text().strip()
    page.get_by_label("Engangskode").fill(fresh_totp_code(secret))
    page.get_by_role("button", name="Aktiver").click()

    expect(page).to_have_url(re.compile(r"/konto/2fa/recovery-codes/$"))
    heading(page).to_have_text("Gjenopprettingskoder")
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    check_axe(page)
    save_screenshot(page, "recovery-codes")
    page.get_by_role("link", name="Gå videre til Bosetting").click()

    heading(page).to_contain_text("Velkommen")
    expect(page.get_by_role("navigation", name="Hovedmeny")).to_be_visible()
    check_axe(page)
    save_screenshot(page, "start")
    assert AuditEvent.objects.filter(event_type=EventType.TOTP_ENROLLED, actor=user).exists()


def test_login_with_password_and_totp_code(page, live_server, cast):
    user = cast.oslo_caseworker
    secret = enrol_totp(user=user)

    fill_password_step(page, live_server.url, user.username)

    expect(page).to_have_url(re.compile(r"/konto/2fa/authenticate/$"))
    heading(page).to_have_text("Skriv inn engangskoden")
    check_axe(page)
    save_screenshot(page, "second-step")
    wrong = f"{(int(totp_code(secret)) + 1) % 1_000_000:06d}"
    page.get_by_label("Engangskode").fill(wrong)
    page.get_by_role("button", name="Logg inn").click()
    expect(page.get_by_label("Engangskode")).to_have_attribute("aria-invalid", "true")
    check_axe(page)
    save_screenshot(page, "second-step-error")
    page.get_by_label("Engangskode").fill(fresh_totp_code(secret))
    page.get_by_role("button", name="Logg inn").click()

    heading(page).to_contain_text("Velkommen")
    check_axe(page)
    assert AuditEvent.objects.filter(event_type=EventType.LOGIN, actor=user).exists()


def test_wrong_password_is_reported_accessibly(page, live_server, cast):
    fill_password_step(page, live_server.url, cast.oslo_caseworker.username, "feil-passord-123")

    expect(page.get_by_role("alert")).to_contain_text("Brukernavnet og/eller passordet")
    check_axe(page)
    save_screenshot(page, "login-error")


def test_account_pages_pass_axe(log_in_as, live_server, cast):
    page = log_in_as(cast.bergen_admin)

    page.get_by_role("link", name="Min konto").click()
    heading(page).to_have_text("Min konto")
    expect(page.get_by_text("Aktiv: du logger inn med passord og engangskode")).to_be_visible()
    check_axe(page)
    save_screenshot(page, "account")
    page.get_by_role("link", name="Bytt passord").click()
    heading(page).to_have_text("Bytt passord")
    check_axe(page)
    page.goto(f"{live_server.url}/konto/logout/")
    heading(page).to_have_text("Logg ut")
    check_axe(page)
    page.get_by_role("main").get_by_role("button", name="Logg ut").click()

    heading(page).to_have_text("Logg inn i Bosetting")


def test_password_reset_pages_pass_axe(page, live_server, cast):
    page.goto(f"{live_server.url}/konto/login/")
    page.get_by_role("link", name="Glemt passordet?").click()
    heading(page).to_have_text("Glemt passord")
    check_axe(page)
    page.get_by_label("E-post").fill(cast.bergen_caseworker.email)
    page.get_by_role("button", name="Send lenke").click()

    heading(page).to_have_text("Sjekk e-posten din")
    check_axe(page)


def test_demo_mode_lists_the_demo_users_on_the_login_page(page, live_server, cast, settings):
    settings.DEMO_MODE = True

    page.goto(f"{live_server.url}/konto/login/")

    demo_table = page.get_by_role("table", name="Demobrukere med organisasjon og rolle")
    for username, *_rest in DEMO_USERS:
        expect(demo_table.get_by_text(username, exact=True)).to_be_visible()
    expect(page.get_by_text("demo-passord-2026")).to_be_visible()
    check_axe(page)
    save_screenshot(page, "login-demo")
