"""A reception centre after its residents have moved out: «Flyttet ut» says where and when
without naming anyone, a date is still corrected, and a partly settled household shows only those
still living at the centre. axe on every page."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bosetting.cases.models import Person, Relation
from bosetting.settlement.actions import register_settlement
from bosetting.settlement.tests.factories import make_matched_case

from .support import check_axe, save_screenshot

pytestmark = pytest.mark.browser


def test_the_centre_sees_who_moved_out_only_as_where_and_when(
    cast: Any, live_server: Any, log_in_as: Any
) -> None:
    today = timezone.localdate()
    moved = make_matched_case(
        municipality=cast.oslo,
        centre=cast.centre,
        given_names="Yonas",
        family_name="Gebremedhin",
        birth_date=datetime.date(1985, 4, 2),
    )
    partly = make_matched_case(
        municipality=cast.bergen, centre=cast.centre, children=1, family_name="Kidane"
    )
    head = Person.objects.get(case=partly, relation=Relation.HEAD)
    register_settlement(
        by=cast.reception_staff,
        persons=[*Person.objects.filter(case=moved), head],
        settled_on=today - datetime.timedelta(days=1),
    )
    page = log_in_as(cast.reception_staff)

    page.get_by_role("link", name="Flyttet ut").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Flyttet ut")
    expect(page.get_by_text("2 personer har flyttet ut.")).to_be_visible()
    row = page.get_by_role("row", name=moved.reference)
    expect(row).to_contain_text("Oslo")
    expect(row).to_contain_text((today - datetime.timedelta(days=1)).strftime("%d.%m.%Y"))
    expect(page.get_by_text("Gebremedhin")).to_have_count(0)
    save_screenshot(page, "flyttet-ut")
    check_axe(page)

    page.get_by_role("link", name=f"Rett bosetting for Hovedperson i sak {moved.reference}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"i sak {moved.reference}")
    expect(page.get_by_text("Yonas")).to_have_count(0)
    check_axe(page)

    page.goto(f"{live_server.url}/saker/{partly.pk}/")
    expect(page.get_by_text("1 person i husstanden har flyttet ut")).to_be_visible()
    expect(page.get_by_role("row", name="Hovedperson")).to_have_count(0)
    check_axe(page)

    page.goto(f"{live_server.url}/saker/{moved.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Fant ikke siden")
