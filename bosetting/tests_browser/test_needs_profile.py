"""Bergen says which special needs it can meet; IMDi reads it before making a plan. Axe on every
page visited."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from bosetting.matching.models import NeedsProfile

from .support import check_axe, log_in

pytestmark = pytest.mark.browser


def test_bergen_answers_and_imdi_reads_the_special_needs_profile(
    cast: Any, live_server: Any, log_in_as: Any, browser: Any
) -> None:
    page = log_in_as(cast.bergen_caseworker)
    page.goto(f"{live_server.url}/")
    page.get_by_role("navigation", name="Hovedmeny").get_by_role(
        "link", name="Særskilte behov"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Særskilte behov kommunen kan møte")
    check_axe(page)
    page.get_by_label("Vi kan skaffe bolig tilrettelagt for funksjonsnedsettelse").check()
    page.get_by_label("Merknad til IMDi").fill("Tre tilrettelagte boliger ledige i vår")
    page.get_by_role("button", name="Lagre profilen").click()
    expect(page.get_by_text("Profilen er lagret.")).to_be_visible()
    check_axe(page)
    assert NeedsProfile.objects.get(municipality=cast.bergen).offers() == {"housing_adaptation"}

    imdi = browser.new_context(locale="nb-NO", timezone_id="Europe/Oslo").new_page()
    log_in(imdi, live_server.url, cast.imdi_caseworker)
    imdi.goto(f"{live_server.url}/fordeling/forslag/")
    imdi.get_by_role(
        "link", name="Se hvilke særskilte behov kommunene har sagt at de kan møte"
    ).click()
    expect(imdi.get_by_role("heading", level=1)).to_have_text("Kommunenes særskilte behov")
    row = imdi.get_by_role("row", name="4601 Bergen")
    expect(row).to_contain_text("Tre tilrettelagte boliger ledige i vår")
    expect(imdi.get_by_role("row", name="0301 Oslo")).to_contain_text("Ikke svart")
    check_axe(imdi)
