"""The audit log follows one case: a case number finds every event about the case and its people,
the settlement events included; a case number that is not one is explained by its field. axe."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bosetting.cases.models import Person
from bosetting.settlement.actions import register_settlement
from bosetting.settlement.tests.factories import make_matched_case

from .support import check_axe, save_screenshot

pytestmark = pytest.mark.browser


def test_bergen_follows_one_case_through_the_log(
    cast: Any, live_server: Any, log_in_as: Any
) -> None:
    case = make_matched_case(municipality=cast.bergen, children=1)
    other = make_matched_case(municipality=cast.bergen)
    register_settlement(
        by=None,
        persons=Person.objects.filter(case__in=[case, other]),
        settled_on=timezone.localdate(),
    )
    page = log_in_as(cast.bergen_caseworker)
    page.goto(f"{live_server.url}/logg/")

    page.get_by_label("Saksnummer").fill("sak 1x")
    page.get_by_role("button", name="Søk").click()
    expect(page.locator("#id_case_reference_error")).to_contain_text("Skriv saksnummeret med sifre")
    expect(page.get_by_label("Saksnummer")).to_have_value("sak 1x")
    check_axe(page)

    page.get_by_label("Saksnummer").fill(case.reference.lstrip("0"))
    page.get_by_role("button", name="Søk").click()
    settled = page.get_by_role("cell", name=f"i sak {case.reference} bosatt")
    expect(settled).to_have_count(2)
    expect(page.get_by_text(f"i sak {other.reference} bosatt")).to_have_count(0)
    save_screenshot(page, "hendelseslogg-sak")
    check_axe(page)

    page.goto(f"{live_server.url}/logg/")
    page.get_by_role("link", name=f"Sak {other.reference}").first.click()
    expect(page.get_by_text(f"i sak {other.reference} bosatt")).to_have_count(1)
    expect(page.get_by_text(f"i sak {case.reference} bosatt")).to_have_count(0)
    check_axe(page)
