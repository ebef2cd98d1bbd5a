"""IMDi's year overview shows the persons settled so far, the same number as the report, whose
year selector shows the year of the report shown; axe."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bosetting.cases.models import Person
from bosetting.planning.tests.factories import MunicipalDecisionFactory, SettlementRequestFactory
from bosetting.settlement.actions import register_settlement
from bosetting.settlement.tests.factories import make_matched_case

from .support import check_axe, save_screenshot

pytestmark = pytest.mark.browser


def test_the_year_overview_shows_bosatt_hittil_as_the_report_does(
    cast: Any, live_server: Any, log_in_as: Any
) -> None:
    today = timezone.localdate()
    MunicipalDecisionFactory(request__municipality=cast.bergen, request__year=today.year, places=20)
    # Next year's request is sent already: the newest year is not the one shown by default.
    SettlementRequestFactory(municipality=cast.bergen, year=today.year + 1, places=30)
    case = make_matched_case(municipality=cast.bergen, children=2)
    register_settlement(by=None, persons=Person.objects.filter(case=case), settled_on=today)
    page = log_in_as(cast.imdi_caseworker)

    page.goto(f"{live_server.url}/anmodninger/oversikt/?aar={today.year}")
    bergen = page.locator("#overview tbody tr", has_text="4601 Bergen")
    expect(bergen.locator("td").nth(4)).to_have_text("3")
    vestland = page.locator("#totals tbody tr", has_text="Vestland")
    expect(vestland.locator("td").last).to_have_text("3")
    expect(page.locator("#totals tfoot td").last).to_have_text("3")
    save_screenshot(page, "aarsoversikt-bosatt")
    check_axe(page)

    # Without ?year= the report is this year's, and its year selector says so.
    page.goto(f"{live_server.url}/rapporter/anmodninger-og-vedtak/?county=46")
    expect(page.get_by_label("År", exact=True)).to_have_value(str(today.year))
    expect(page.get_by_role("row", name="4601 Bergen")).to_contain_text("3")
    check_axe(page)
