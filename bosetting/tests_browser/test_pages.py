"""Every screen of the foundation in the browser, with the axe check on each state visited."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from bosetting.cases.tests.factories import make_case
from bosetting.distribution import actions as distribution_actions
from bosetting.distribution.tests.helpers import approve_places, proposed, ready_case
from bosetting.notifications.actions import notify

from .support import check_axe, log_in

pytestmark = pytest.mark.browser


def _visit(page: Page, url: str, heading: str) -> None:
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    check_axe(page)


def test_imdi_admin_works_through_municipalities_agreements_and_centres(
    cast, live_server, log_in_as, tmp_path: Path
):
    page = log_in_as(cast.imdi_admin)
    base = live_server.url

    _visit(page, f"{base}/organisasjoner/kommuner/", "Kommuner og avtaler")
    page.get_by_label("Fylke").select_option(label="46 Vestland")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.get_by_role("link", name=re.compile("Stord"))).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Oslo"))).to_have_count(0)
    check_axe(page)

    page.get_by_role("link", name=re.compile("Stord")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Stord")
    check_axe(page)

    # A file that is not a PDF is refused next to its field; the other fields are kept.
    page.get_by_role("link", name="Registrer signatur").click()
    check_axe(page)
    not_a_pdf = tmp_path / "avtale.pdf"
    not_a_pdf.write_text("dette er ikke en PDF")
    page.locator("#id_signed_by").fill("Ordfører Eva Eksempel")
    page.locator("#id_document").set_input_files(str(not_a_pdf))
    page.get_by_role("button", name="Registrer signatur").click()
    expect(page.get_by_text("Filen er ikke en PDF").first).to_be_visible()
    expect(page.locator("#id_signed_by")).to_have_value("Ordfører Eva Eksempel")
    check_axe(page)

    _visit(page, f"{base}/organisasjoner/avtaler/", "Avtaleversjoner")
    page.get_by_role("link", name="Publiser ny versjon").click()
    check_axe(page)

    _visit(page, f"{base}/organisasjoner/mottak/", "Mottak")
    page.get_by_role("link", name="Nytt mottak").click()
    check_axe(page)
    page.get_by_label(re.compile("^Navn")).fill("Hjellestad mottak")
    page.get_by_label(re.compile("^Kommune")).select_option(label="4601 Bergen")
    page.get_by_role("button", name="Opprett mottak").click()
    expect(page.get_by_text("Hjellestad mottak").first).to_be_visible()
    check_axe(page)


def test_bergen_caseworker_searches_the_log_and_reads_notifications(cast, live_server, log_in_as):
    notify(
        recipients=[cast.bergen_caseworker],
        subject="Ny forespørsel fra IMDi",
        body="IMDi ber kommunen ta stilling til to saker.",
        url="/",
        email=False,
    )
    page = log_in_as(cast.bergen_caseworker)
    base = live_server.url

    _visit(page, f"{base}/logg/", "Hendelseslogg")
    page.get_by_label("Søk i sammendraget").fill("logget inn")
    page.get_by_role("button", name="Søk", exact=True).click()
    expect(page.get_by_text("bergen.saksbehandler").first).to_be_visible()
    check_axe(page)

    _visit(page, f"{base}/organisasjoner/avtale/", "Databehandleravtale")

    _visit(page, f"{base}/varsler/", "Varsler")
    expect(page.get_by_text("Ulest").first).to_be_visible()
    page.get_by_role("button", name="Merk alle som lest").click()
    expect(page.get_by_text("Alle varsler er merket som lest.")).to_be_visible()
    check_axe(page)


def test_stord_without_agreement_is_told_why_and_reaches_no_log(cast, live_server, log_in_as):
    page = log_in_as(cast.stord_caseworker)
    expect(page.get_by_text("Ingen tilgang til personopplysninger ennå")).to_be_visible()
    check_axe(page)

    _visit(page, f"{live_server.url}/organisasjoner/avtale/", "Databehandleravtale")

    page.goto(f"{live_server.url}/logg/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ingen tilgang")
    expect(page.get_by_text("har ikke signert gjeldende databehandleravtale")).to_be_visible()
    check_axe(page)


def test_each_caseworkers_start_page_is_a_work_queue(cast, live_server, browser):
    """«Mine oppgaver» for IMDi and for a reception centre, each card leading to its list; the
    municipality's is in test_cases.py and test_distribution.py."""
    approve_places(cast.bergen)
    accepted = ready_case()
    proposal = distribution_actions.create_proposal(
        by=cast.imdi_caseworker,
        municipality=cast.bergen,
        cases=[accepted],
        deadline=timezone.localdate() + datetime.timedelta(days=7),
    )
    distribution_actions.send_proposal(
        by=cast.imdi_caseworker, proposal=proposal, confirm_over_capacity=True
    )
    distribution_actions.answer_case(
        by=cast.bergen_caseworker, proposed_case=proposed(proposal, accepted), accept=True
    )
    make_case(centre=cast.centre, given_names="Hana", family_name="Berhe")

    imdi = browser.new_context(locale="nb-NO", timezone_id="Europe/Oslo").new_page()
    log_in(imdi, live_server.url, cast.imdi_caseworker)
    queue = imdi.locator("#oppgave-decisions")
    expect(queue).to_contain_text("1 sak har fått ja og venter på vedtak.")
    check_axe(imdi)
    queue.get_by_role("link", name="Fatt vedtak").click()
    expect(imdi.get_by_role("heading", level=1)).to_have_text("Vedtak om bosettingskommune")
    expect(imdi.get_by_label(f"Velg sak {accepted.reference}")).to_be_visible()

    centre = browser.new_context(locale="nb-NO", timezone_id="Europe/Oslo").new_page()
    log_in(centre, live_server.url, cast.reception_staff)
    queue = centre.locator("#oppgave-assessing")
    expect(queue).to_contain_text("1 husstand er under kartlegging.")
    expect(centre.locator("#oppgave-moving_out")).to_contain_text("Ingen beboere venter")
    check_axe(centre)
    queue.get_by_role("link", name="Alle husstander under kartlegging").click()
    expect(centre.locator("tbody tr")).to_have_count(1)
    expect(centre.locator("tbody tr").first).to_contain_text("Hana Berhe")
    check_axe(centre)
