"""The report "Anmodninger og vedtak" in the browser: IMDi by county and municipality, Bergen its own,
the filters, the axe check on every state, and the XLSX downloaded through the page."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from bosetting.planning.tests.factories import MunicipalDecisionFactory, SettlementRequestFactory

from .support import check_axe, save_screenshot

pytestmark = pytest.mark.browser

YEAR = timezone.localdate().year


@pytest.fixture
def report_data(cast):
    MunicipalDecisionFactory(
        request__municipality=cast.bergen, request__year=YEAR, request__places=117, places=97
    )
    MunicipalDecisionFactory(
        request__municipality=cast.bergen, request__year=YEAR - 1, request__places=44, places=44
    )
    MunicipalDecisionFactory(
        request__municipality=cast.oslo, request__year=YEAR, request__places=222, places=333
    )
    SettlementRequestFactory(municipality=cast.stord, year=YEAR, places=55)
    return cast


def _download_xlsx(page: Page) -> list[tuple]:
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Last ned Excel (XLSX)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    path = download.path()
    workbook = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))
    return list(workbook.active.iter_rows(values_only=True))


def test_imdi_reads_the_report_by_county_municipality_and_year(report_data, live_server, log_in_as):
    page = log_in_as(report_data.imdi_caseworker)
    # From the menu to the reports page, and on to the report.
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Rapporter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rapporter")
    check_axe(page)
    page.locator("#hovedinnhold").get_by_role("link", name="Anmodninger og vedtak").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmodninger og vedtak")
    table = page.get_by_role("table")
    expect(table.get_by_role("rowheader", name="Vestland")).to_be_visible()
    expect(table.get_by_role("rowheader", name="Hele landet")).to_be_visible()
    expect(
        page.get_by_role("img", name=f"Anmodet, vedtatt og bosatt antall flyktninger {YEAR}")
    ).to_be_visible()
    save_screenshot(page, "rapport-imdi-fylker")
    check_axe(page)

    # From a county to its municipalities.
    table.get_by_role("link", name="Vestland").click()
    expect(page.get_by_role("heading", level=2)).to_contain_text("Vestland, per kommune")
    expect(page.get_by_role("rowheader", name="4614 Stord")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Sum Vestland")).to_be_visible()
    expect(page.get_by_role("rowheader", name="0301 Oslo")).to_have_count(0)
    expect(
        page.get_by_role("img", name=f"Andel besvarte anmodninger {YEAR}, Vestland, per kommune")
    ).to_be_visible()
    save_screenshot(page, "rapport-imdi-vestland-kart")
    check_axe(page)

    rows = _download_xlsx(page)
    assert rows[0][0] == f"Anmodninger og vedtak {YEAR}"
    assert rows[5][:4] == ("4601 Bergen", 117, 2, 97)
    assert rows[-1][:2] == ("Sum Vestland", 172)

    # Last year, the whole country.
    page.get_by_label("År", exact=True).select_option(str(YEAR - 1))
    page.get_by_label("Fylke", exact=True).select_option(label="Hele landet")
    page.get_by_role("button", name="Vis rapport").click()
    expect(page.get_by_role("heading", level=2)).to_contain_text(f"{YEAR - 1}: Hele landet")
    expect(page.get_by_role("rowheader", name="Oslo")).to_have_count(0)
    check_axe(page)

    page.get_by_role("link", name="Utvikling over tid").click()
    expect(page.get_by_role("rowheader", name=str(YEAR - 1))).to_be_visible()
    check_axe(page)
    page.get_by_label("Fylke", exact=True).select_option(label="03 Oslo")
    page.get_by_role("button", name="Vis rapport").click()
    expect(page.get_by_role("heading", level=2)).to_contain_text("over tid: Oslo")
    expect(page.get_by_role("rowheader", name=str(YEAR - 1))).to_have_count(0)
    check_axe(page)


def test_bergen_reads_only_its_own_report_and_downloads_it(report_data, live_server, log_in_as):
    page = log_in_as(report_data.bergen_caseworker)
    page.goto(f"{live_server.url}/rapporter/anmodninger-og-vedtak/")
    expect(page.get_by_role("rowheader", name="4601 Bergen")).to_be_visible()
    expect(page.get_by_label("Fylke", exact=True)).to_have_count(0)
    expect(page.get_by_text("Oslo")).to_have_count(0)
    save_screenshot(page, "rapport-bergen")
    check_axe(page)

    page.get_by_role("link", name="Utvikling over tid").click()
    expect(page.get_by_role("rowheader", name=str(YEAR - 1))).to_be_visible()
    expect(page.get_by_role("rowheader", name=str(YEAR))).to_be_visible()
    check_axe(page)

    rows = _download_xlsx(page)
    assert rows[1][0] == "4601 Bergen"
    assert [row[:4] for row in rows[5:]] == [(str(YEAR - 1), 44, 2, 44), (str(YEAR), 117, 2, 97)]
    assert "Oslo" not in repr(rows) and "222" not in repr(rows)

    page.get_by_role("link", name="Per år").click()
    page.get_by_label("År", exact=True).select_option(str(YEAR - 1))
    page.get_by_role("button", name="Vis rapport").click()
    expect(page.get_by_role("heading", level=2)).to_contain_text(f"{YEAR - 1}: 4601 Bergen")
    check_axe(page)
