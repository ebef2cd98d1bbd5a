"""The yearly loop: IMDi prepares and sends Bergen's request, Bergen registers and approves its
decision, IMDi sees it in the year overview and acknowledges it. axe on every page and state."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bosetting.planning.models import MunicipalDecision, SettlementRequest
from bosetting.planning.tests.factories import MINIMAL_PDF

from .support import check_axe, log_in, run_worker, save_screenshot

pytestmark = pytest.mark.browser


def test_imdi_sends_bergen_decides_and_imdi_acknowledges(cast, live_server, log_in_as, browser):
    year = timezone.localdate().year
    imdi = log_in_as(cast.imdi_caseworker)

    imdi.goto(f"{live_server.url}/anmodninger/forbered/?aar={year}&fylke=46")
    expect(imdi.get_by_role("heading", level=1)).to_have_text(f"Forbered anmodninger for {year}")
    check_axe(imdi)
    imdi.get_by_label("Antall for Bergen").fill("250")
    imdi.get_by_label("Enslige mindreårige for Bergen").fill("260")
    imdi.get_by_role("button", name="Lagre utkast").click()
    # The error stands by its cell, and what was typed is kept.
    expect(imdi.locator("#id_minors_4601_error")).to_contain_text("Kan ikke være flere")
    expect(imdi.get_by_label("Antall for Bergen")).to_have_value("250")
    check_axe(imdi)
    save_screenshot(imdi, "planning-prepare-error")
    # A second error in the same save: the numbers shown in the fields are still what is saved.
    imdi.get_by_label("Enslige mindreårige for Bergen").fill("20")
    imdi.get_by_label("Antall for Stord").fill("12")
    imdi.get_by_label("Svarfrist").fill("31.02.2027")
    imdi.get_by_role("button", name="Lagre utkast").click()
    expect(imdi.locator("#id_deadline_error")).to_contain_text("Skriv en gyldig dato")
    expect(imdi.get_by_label("Antall for Stord")).to_have_value("12")
    imdi.get_by_label("Svarfrist").fill(f"01.03.{year + 1}")
    imdi.get_by_role("button", name="Lagre utkast").click()
    expect(imdi.get_by_text("Utkastene er lagret for 2 kommuner.")).to_be_visible()
    check_axe(imdi)
    assert dict(
        SettlementRequest.objects.values_list("municipality__name", "unaccompanied_minors")
    ) == {"Bergen": 20, "Stord": 0}
    # Saving again without a change says so, and is not a success.
    imdi.get_by_role("button", name="Lagre utkast").click()
    expect(imdi.get_by_text("Ingenting er endret, så ingenting ble lagret.")).to_be_visible()
    check_axe(imdi)

    imdi.goto(f"{live_server.url}/anmodninger/send/?aar={year}")
    check_axe(imdi)
    imdi.get_by_label(re.compile("4601 Bergen")).check()
    imdi.get_by_role("button", name="Send valgte").click()
    # The sending has committed; the letter follows from the task worker, and the page follows it.
    expect(imdi.get_by_text("1 anmodning er sendt")).to_be_visible()
    expect(imdi.get_by_text("0 av 1 brev er laget")).to_be_visible()
    check_axe(imdi)
    assert SettlementRequest.objects.get(municipality=cast.bergen).state == "sent"
    run_worker()
    expect(imdi.get_by_text("Alle brevene er laget.")).to_be_visible(timeout=10_000)
    check_axe(imdi)

    bergen = browser.new_context(locale="nb-NO", timezone_id="Europe/Oslo").new_page()
    log_in(bergen, live_server.url, cast.bergen_caseworker)
    bergen.goto(f"{live_server.url}/anmodninger/")
    expect(bergen.get_by_role("heading", level=1)).to_have_text("Anmodninger og vedtak")
    check_axe(bergen)
    with bergen.expect_download() as download:
        bergen.get_by_role("link", name=re.compile("Last ned brev")).click()
    with open(download.value.path(), "rb") as letter:
        assert letter.read(5) == b"%PDF-"
    bergen.get_by_role("link", name=f"Anmodning {year}").click()
    check_axe(bergen)
    bergen.get_by_role("link", name="Registrer vedtak").click()
    check_axe(bergen)
    bergen.get_by_label("Antall flyktninger kommunen vil bosette").fill("240")
    bergen.get_by_label("Ja").check()
    bergen.get_by_label("Dato for kommunestyrets vedtak").fill(
        timezone.localdate().strftime("%d.%m.%Y")
    )
    bergen.get_by_role("button", name="Godkjenn og send til IMDi").click()
    # Takes minors, but says how many is missing: an error by the field, nothing saved.
    expect(bergen.locator("#id_unaccompanied_minors_error")).to_be_visible()
    check_axe(bergen)
    save_screenshot(bergen, "planning-decision-error")
    bergen.get_by_label("Herav enslige mindreårige").fill("15")
    bergen.get_by_label("Kommunestyrets vedtak (PDF)").set_input_files(
        {"name": "vedtak.pdf", "mimeType": "application/pdf", "buffer": MINIMAL_PDF}
    )
    bergen.get_by_role("button", name="Godkjenn og send til IMDi").click()
    # Approving binds: the decision is shown for review first («Kontroller og send inn»).
    expect(bergen.get_by_role("heading", level=1)).to_have_text(
        f"Kontroller vedtaket om bosetting i {year}"
    )
    expect(bergen.locator("#review-difference")).to_contain_text("10 færre enn anmodningen")
    check_axe(bergen)
    save_screenshot(bergen, "planning-decision-review")
    assert MunicipalDecision.objects.get().state == MunicipalDecision.State.DRAFT
    # «Tilbake og endre» keeps what was typed and the document uploaded.
    bergen.get_by_role("link", name="Tilbake og endre").click()
    expect(bergen.get_by_label("Herav enslige mindreårige")).to_have_value("15")
    expect(bergen.get_by_text("Et vedtaksdokument er allerede lastet opp")).to_be_visible()
    bergen.get_by_role("button", name="Godkjenn og send til IMDi").click()
    bergen.get_by_role("button", name="Send inn").click()
    expect(bergen.get_by_text("Vedtaket er godkjent og sendt til IMDi.")).to_be_visible()
    expect(bergen.locator("#difference")).to_contain_text("Vedtaket er 10 færre enn anmodningen.")
    check_axe(bergen)
    save_screenshot(bergen, "planning-request-detail")

    imdi.goto(f"{live_server.url}/anmodninger/oversikt/?aar={year}&fylke=46")
    row = imdi.get_by_role("row", name=re.compile("4601 Bergen"))
    expect(row).to_contain_text("Vedtak under anmodning")
    check_axe(imdi)
    save_screenshot(imdi, "planning-overview")
    row.get_by_role("button", name=re.compile("Kvitter ut")).click()
    expect(imdi.get_by_text("Vedtaket fra Bergen er kvittert ut.")).to_be_visible()
    check_axe(imdi)
    decision = MunicipalDecision.objects.get()
    assert decision.state == MunicipalDecision.State.ACKNOWLEDGED
    assert decision.registered_by == decision.approved_by == cast.bergen_caseworker
