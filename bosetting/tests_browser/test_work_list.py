"""IMDi's work list: each household's size, minors, waiting days, wishes and special needs, and
sorting by them; axe at both widths."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from bosetting.cases import actions as case_actions
from bosetting.cases.actions import HealthInput
from bosetting.cases.models import Person, Relation
from bosetting.cases.tests.factories import COMPLETE_ADULT, make_case

from .support import check_axe, save_screenshot

pytestmark = pytest.mark.browser


def _ready(*, children: int, days_ago: int, wishes: list[str], needs: list[str], name: str) -> Any:
    with time_machine.travel(timezone.now() - datetime.timedelta(days=days_ago), tick=False):
        case = make_case(children=children, given_names=name)
        for person in Person.objects.filter(case=case):
            head = person.relation == Relation.HEAD
            data = {
                **COMPLETE_ADULT,
                "wish_municipalities": wishes if head else [],
                "special_needs": needs if head else ["none"],
            }
            case_actions.save_assessment(by=None, person=person, data=data, health=HealthInput())
        return case_actions.mark_ready(by=None, case=case)


def test_imdi_sees_what_each_household_needs_and_sorts_by_it(
    cast: Any, live_server: Any, log_in_as: Any
) -> None:
    small = _ready(children=0, days_ago=9, wishes=["4601"], needs=["none"], name="Hamid")
    large = _ready(
        children=3, days_ago=2, wishes=["0301"], needs=["housing_adaptation"], name="Nasra"
    )
    page = log_in_as(cast.imdi_caseworker)

    page.goto(f"{live_server.url}/fordeling/")
    table = page.locator("#cases-table")
    expect(table.get_by_role("columnheader", name="Under 18 år")).to_be_visible()
    rows = table.locator("tbody tr")
    expect(rows.first).to_contain_text(small.reference)  # waited longest
    expect(rows.first).to_contain_text("Bergen")
    expect(rows.nth(1)).to_contain_text("Tilrettelagt bolig")
    expect(rows.nth(1).locator("td.number").first).to_have_text("4")
    check_axe(page)

    page.get_by_label("Sorter etter").select_option(label="Flest personer først")
    page.get_by_role("button", name="Filtrer").click()
    expect(page).to_have_url(re.compile(r"sort=size_desc"))
    expect(rows.first).to_contain_text(large.reference)
    expect(page.get_by_label("Sorter etter")).to_have_value("size_desc")
    save_screenshot(page, "fordeling-sortert")
    check_axe(page)
