"""«Hjelp» opened from several pages and roles, the search, and English, with axe on every page."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from .support import check_axe

pytestmark = pytest.mark.browser


def _open_page_help(page: Page, anchor: str) -> None:
    page.get_by_role("link", name="Hjelp til denne siden").click()
    expect(page).to_have_url(re.compile(rf"/hjelp/[a-z-]+/#{anchor}$"))
    expect(page.locator(f"h2#{anchor}, h3#{anchor}")).to_be_in_viewport()
    check_axe(page)


def test_the_login_page_leads_to_the_access_section_and_the_search_works(page, live_server, db):
    page.goto(live_server.url + reverse("account_login"))
    page.get_by_role("link", name="Hjelp", exact=True).click()

    expect(page).to_have_url(re.compile(r"/hjelp/kommune-saksbehandler/#tilgang$"))
    expect(page.get_by_role("heading", level=2, name="Slik får du tilgang")).to_be_visible()
    check_axe(page)

    page.get_by_label("Søk i veiledningene").fill("gjenopprettingskoder")
    page.get_by_role("button", name="Søk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Søk i hjelpen")
    check_axe(page)
    page.get_by_role("link", name="Slik får du tilgang").first.click()
    expect(page).to_have_url(re.compile(r"/hjelp/[a-z-]+/#tilgang$"))

    page.get_by_role("link", name="Alle veiledninger").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hjelp")
    expect(page.get_by_role("link", name="Brukerveiledning for ansatte i mottak")).to_be_visible()
    check_axe(page)


def test_a_municipal_caseworker_gets_help_on_proposals_and_on_settlement(
    page, live_server, cast, log_in_as
):
    log_in_as(cast.bergen_caseworker)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role(
        "link", name="Forespørsler"
    ).click()
    _open_page_help(page, "foresporsler")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Brukerveiledning for saksbehandlere i kommunen"
    )

    page.goto(live_server.url + reverse("settlement:pending"))
    _open_page_help(page, "bosettingsdato")


def test_a_municipal_administrator_gets_help_on_users(page, live_server, cast, log_in_as):
    log_in_as(cast.bergen_admin)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Brukere").click()
    _open_page_help(page, "brukere")
    page.get_by_role("link", name="Hjelp", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Brukerveiledning for kommuneadministrative brukere"
    )


def test_an_imdi_caseworker_gets_help_on_distribution(page, live_server, cast, log_in_as):
    log_in_as(cast.imdi_caseworker)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Fordeling").click()
    _open_page_help(page, "fordeling")

    page.goto(live_server.url + reverse("matching:start"))
    _open_page_help(page, "fordelingsforslag")


def test_reception_staff_get_help_on_moving_out(page, live_server, cast, log_in_as):
    log_in_as(cast.reception_staff)
    page.goto(live_server.url + reverse("settlement:moved_out"))
    _open_page_help(page, "flyttet-ut")


def test_an_imdi_administrator_reads_the_guide_in_english(page, live_server, cast, log_in_as):
    log_in_as(cast.imdi_admin)
    page.get_by_label("Språk").select_option("en")
    page.get_by_role("button", name="Bytt språk").click()
    page.goto(live_server.url + reverse("accounts:user_list"))

    page.get_by_role("link", name="Help with this page").click()
    expect(page).to_have_url(re.compile(r"/hjelp/imdi-administrator/#brukere$"))
    expect(page.get_by_role("heading", level=2, name="Users and roles")).to_be_visible()
    check_axe(page)
