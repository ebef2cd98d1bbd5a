"""Bergen registers a settlement in the browser (a date error first), and the person appears in
Bergen's specialised settlement report and in the national report; axe on every page and state."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bosetting.settlement.models import Settlement
from bosetting.settlement.tests.factories import make_matched_case

from .support import check_axe, save_screenshot

pytestmark = pytest.mark.browser


def _date(day: datetime.date) -> str:
    return day.strftime("%d.%m.%Y")


def test_bergen_registers_a_settlement_and_finds_it_in_the_reports(
    cast: Any, live_server: Any, log_in_as: Any
) -> None:
    decided = timezone.localdate() - datetime.timedelta(days=5)
    case = make_matched_case(
        municipality=cast.bergen,
        decided_on=decided,
        given_names="Åsa",
        family_name="Østrem",
    )
    page = log_in_as(cast.bergen_caseworker)
    expect(page.get_by_role("heading", name="Mine oppgaver")).to_be_visible()
    expect(page.get_by_role("columnheader", name="Søkt ut, ikke bosatt")).to_be_visible()
    save_screenshot(page, "forside-kommune")
    check_axe(page)

    page.get_by_role("link", name="Registrer bosetting").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Registrer bosetting")
    expect(page.get_by_role("cell", name="Åsa Østrem")).to_be_visible()
    save_screenshot(page, "bosetting-venter")
    check_axe(page)

    page.get_by_role("link", name=f"Registrer bosetting, sak {case.reference}").click()
    expect(page.get_by_label("Åsa Østrem")).to_be_checked()
    page.get_by_label("Bosettingsdato").fill(_date(decided - datetime.timedelta(days=1)))
    page.get_by_role("button", name="Registrer bosetting").click()
    expect(page.get_by_role("alert")).to_contain_text("før vedtaket om bosettingskommune")
    save_screenshot(page, "bosetting-datofeil")
    check_axe(page)

    page.get_by_label("Bosettingsdato").fill(_date(decided))
    page.get_by_role("button", name="Registrer bosetting").click()
    # The registration binds: the persons and the date are reviewed first.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Kontroller bosettingen, sak {case.reference}"
    )
    expect(page.locator("#review-persons")).to_contain_text("Åsa Østrem")
    save_screenshot(page, "bosetting-kontroller")
    check_axe(page)
    assert not Settlement.objects.exists()
    page.get_by_role("button", name="Tilbake og endre").click()
    expect(page.get_by_label("Åsa Østrem")).to_be_checked()
    expect(page.get_by_label("Bosettingsdato")).to_have_value(_date(decided))
    page.get_by_role("button", name="Registrer bosetting").click()
    page.get_by_role("button", name="Send inn").click()
    expect(page.get_by_text("Bosettingen er registrert for 1 person.")).to_be_visible()
    expect(page.get_by_text("Ingen personer venter på bosettingsdato.")).to_be_visible()
    check_axe(page)

    page.get_by_role("link", name="Rett bosetting for Åsa Østrem").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rett bosetting for Åsa Østrem")
    check_axe(page)

    page.goto(f"{live_server.url}/rapporter/spesialisert-bosetting/")
    table = page.get_by_role("table")
    expect(table.get_by_role("rowheader", name="Åsa Østrem")).to_be_visible()
    expect(table).to_contain_text(_date(decided))
    save_screenshot(page, "spesialisert-rapport")
    check_axe(page)

    page.goto(f"{live_server.url}/rapporter/bosatte/")
    page.get_by_label("Fordelt på").select_option("municipality")
    page.get_by_role("button", name="Vis rapport").click()
    row = page.get_by_role("row", name="4601 Bergen")
    expect(row).to_contain_text("1")
    expect(page.get_by_role("img", name="Bosatte per kommune")).to_be_visible()
    save_screenshot(page, "nasjonal-rapport")
    check_axe(page)


def test_imdi_dashboard_and_reports_pass_axe(cast: Any, live_server: Any, log_in_as: Any) -> None:
    from bosetting.cases.models import Person
    from bosetting.settlement.actions import register_settlement

    today = timezone.localdate()
    case = make_matched_case(
        municipality=cast.bergen, decided_on=today - datetime.timedelta(days=2), children=1
    )
    register_settlement(by=None, persons=Person.objects.filter(case=case), settled_on=today)
    page = log_in_as(cast.imdi_caseworker)
    expect(page.get_by_role("heading", name="Saker i arbeid")).to_be_visible()
    save_screenshot(page, "forside-imdi")
    check_axe(page)

    page.goto(f"{live_server.url}/rapporter/spesialisert-bosetting/")
    expect(page.get_by_text("Velg kommune og periode for å se rapporten.")).to_be_visible()
    check_axe(page)
    page.get_by_label("Kommune").select_option("4601")
    page.get_by_role("button", name="Vis rapport").click()
    expect(page.get_by_role("table")).to_contain_text("Barn0 Haddad")
    check_axe(page)

    page.goto(f"{live_server.url}/rapporter/bosatte/")
    page.get_by_label("Fordelt på").select_option("age_group")
    page.get_by_label("Fra dato").fill("31.12.2026")
    page.get_by_label("Til dato").fill("01.01.2026")
    page.get_by_role("button", name="Vis rapport").click()
    expect(page.get_by_role("alert")).to_contain_text("kan ikke være før fra-datoen")
    check_axe(page)
    page.get_by_label("Fra dato").fill("")
    page.get_by_label("Til dato").fill("")
    page.get_by_role("button", name="Vis rapport").click()
    expect(page.get_by_role("row", name="30–49")).to_contain_text("1")
    check_axe(page)
