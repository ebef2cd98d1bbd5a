"""IMDi's administrator sets the year's national numbers, tries a weight, saves the formula,
pre-fills the preparation table from it and sends the requests. axe on every page and state."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bosetting.planning.models import SettlementRequest
from bosetting.requestformula.models import Formula
from bosetting.requestformula.tests.helpers import populate

from .support import check_axe, save_screenshot

pytestmark = pytest.mark.browser


def test_national_numbers_weight_save_prefill_and_send(cast, live_server, log_in_as):
    year = timezone.localdate().year + 1
    populate(cast)
    admin = log_in_as(cast.imdi_admin)

    admin.goto(f"{live_server.url}/anmodninger/formel/?aar={year}")
    expect(admin.get_by_role("heading", level=1)).to_have_text(f"Formel for anmodninger {year}")
    expect(admin.get_by_text("Fyll inn de nasjonale tallene for året")).to_be_visible()
    check_axe(admin)
    admin.get_by_label("Antall plasser i hele landet").fill("500")
    admin.get_by_label("Herav enslige mindreårige").fill("40")
    admin.get_by_role("button", name="Lagre nasjonale tall").click()
    expect(admin.get_by_text(f"De nasjonale tallene for {year} er lagret.")).to_be_visible()
    expect(admin.get_by_role("heading", name="Forslag med formel versjon 1")).to_be_visible()
    check_axe(admin)

    # «Hva om»: the effect is shown in place (htmx), nothing is saved.
    admin.get_by_label("Vekt for folketall").fill("90")
    admin.get_by_role("button", name="Vis virkningen").click()
    expect(admin.get_by_role("heading", name="Virkning av endringen (ikke lagret)")).to_be_visible()
    expect(
        admin.get_by_role("columnheader", name="Endring fra lagret formel").first
    ).to_be_visible()
    assert Formula.objects.count() == 1
    check_axe(admin)
    save_screenshot(admin, "request-formula-what-if")

    admin.get_by_label("Merknad til den nye versjonen").fill("Mer vekt på folketall")
    admin.get_by_role("button", name="Lagre som ny versjon").click()
    expect(admin.get_by_text("Formelen er lagret som versjon 2.")).to_be_visible()
    expect(admin.get_by_role("heading", name="Forslag med formel versjon 2")).to_be_visible()
    check_axe(admin)

    admin.get_by_role("button", name="Fyll ut forberedelsestabellen").click()
    expect(admin.get_by_role("heading", level=1)).to_have_text(f"Forbered anmodninger for {year}")
    expect(
        admin.get_by_text("Forberedelsestabellen er fylt ut fra formel versjon 2")
    ).to_be_visible()
    expect(admin.get_by_role("columnheader", name="Formelens forslag")).to_be_visible()
    check_axe(admin)
    save_screenshot(admin, "request-formula-prepare")
    drafts = SettlementRequest.objects.filter(year=year)
    assert sum(draft.places for draft in drafts) == 500
    assert {draft.formula_version for draft in drafts} == {2}

    admin.goto(f"{live_server.url}/anmodninger/send/?aar={year}")
    check_axe(admin)
    admin.get_by_role("button", name=re.compile(r"Send alle \(3\)")).click()
    expect(admin.get_by_text("3 anmodninger er sendt")).to_be_visible()
    check_axe(admin)
    assert set(drafts.values_list("state", flat=True)) == {SettlementRequest.State.SENT}
