"""The distribution journey: IMDi proposes two cases to Bergen, Bergen accepts one and declines
the other (after being told a no needs a reason), IMDi decides, Bergen opens the person file and
downloads the letter, the declined case is back in IMDi's work list, and Oslo sees none of it.
axe on every page and state."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from bosetting.distribution.models import DecisionLetter, Proposal
from bosetting.distribution.tests.helpers import approve_places, ready_case

from .support import check_axe, log_in, save_screenshot

pytestmark = pytest.mark.browser


def test_proposal_answer_decision_and_letter(cast, live_server, log_in_as, browser):
    approve_places(cast.bergen)
    accepted = ready_case(given_names="Leyla", family_name="Karimi", children=1)
    declined = ready_case(given_names="Samir", family_name="Haddad")

    imdi = log_in_as(cast.imdi_caseworker)
    imdi.goto(f"{live_server.url}/fordeling/")
    expect(imdi.get_by_role("heading", level=1)).to_have_text(
        "Fordeling: saker klare for bosetting"
    )
    check_axe(imdi)
    imdi.get_by_label(f"Velg sak {accepted.reference}").check()
    imdi.get_by_label(f"Velg sak {declined.reference}").check()
    imdi.get_by_label("Kommune (ny forespørsel)").select_option(label="4601 Bergen")
    imdi.get_by_role("button", name="Legg sakene i forespørsel").click()
    expect(imdi.get_by_role("heading", level=1)).to_contain_text("til Bergen")
    check_axe(imdi)
    imdi.get_by_role("button", name="Send forespørselen").click()
    expect(imdi.get_by_text("er sendt til Bergen")).to_be_visible()
    check_axe(imdi)
    save_screenshot(imdi, "distribution-proposal-imdi")
    proposal = Proposal.objects.get()
    assert proposal.state == Proposal.State.SENT

    bergen = browser.new_context(locale="nb-NO", timezone_id="Europe/Oslo").new_page()
    log_in(bergen, live_server.url, cast.bergen_caseworker)
    bergen.goto(f"{live_server.url}/fordeling/kommune/")
    expect(bergen.get_by_role("heading", level=1)).to_have_text("Forespørsler om bosetting")
    check_axe(bergen)
    bergen.get_by_role("link", name=proposal.reference).click()
    expect(bergen.get_by_role("heading", level=1)).to_have_text(f"Forespørsel {proposal.reference}")
    check_axe(bergen)
    for name in ("Leyla", "Karimi", "Samir", "Haddad"):
        assert name not in bergen.content()

    no_form = bergen.get_by_role("form", name=f"Svar på sak {declined.reference}")
    no_form.get_by_role("radio", name="Nei").check()
    no_form.get_by_role("button", name=re.compile("Lagre svar")).click()
    no_form = bergen.get_by_role("form", name=f"Svar på sak {declined.reference}")
    expect(no_form.get_by_text("Velg en begrunnelse når dere svarer nei.").first).to_be_visible()
    check_axe(bergen)
    save_screenshot(bergen, "distribution-answer-error")
    no_form.get_by_role("radio", name="Nei").check()
    no_form.get_by_label("Begrunnelse for nei").select_option(label="Kommunen har ikke egnet bolig")
    no_form.get_by_role("button", name=re.compile("Lagre svar")).click()
    expect(bergen.get_by_text(f"Svaret på sak {declined.reference} er lagret.")).to_be_visible()
    check_axe(bergen)
    yes_form = bergen.get_by_role("form", name=f"Svar på sak {accepted.reference}")
    yes_form.get_by_label("Ja, vi kan bosette husstanden").check()
    yes_form.get_by_role("button", name=re.compile("Lagre svar")).click()
    expect(bergen.get_by_text("Personmappen åpnes når IMDi har fattet vedtak")).to_be_visible()
    check_axe(bergen)
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.ANSWERED

    imdi.goto(f"{live_server.url}/fordeling/vedtak/")
    expect(imdi.get_by_role("heading", level=1)).to_have_text("Vedtak om bosettingskommune")
    check_axe(imdi)
    imdi.get_by_label(f"Velg sak {accepted.reference}").check()
    imdi.get_by_role("button", name="Fatt vedtak for valgte saker").click()
    expect(imdi.get_by_text("Vedtak er fattet for 1 saker")).to_be_visible()
    check_axe(imdi)

    bergen.reload()
    check_axe(bergen)
    letter = DecisionLetter.objects.get(decision__case=accepted, recipient="municipality")
    with bergen.expect_download() as download:
        bergen.get_by_role(
            "link", name=re.compile(r"Last ned vedtaksbrevet .*til kommunen")
        ).click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    bergen.get_by_role("link", name=f"Åpne personmappen for sak {accepted.reference}").click()
    expect(bergen.get_by_text("Karimi").first).to_be_visible()
    check_axe(bergen)
    save_screenshot(bergen, "distribution-person-file")

    imdi.goto(f"{live_server.url}/fordeling/")
    expect(imdi.get_by_label(f"Velg sak {declined.reference}")).to_be_visible()
    expect(imdi.get_by_label(f"Velg sak {accepted.reference}")).to_have_count(0)
    check_axe(imdi)

    oslo = browser.new_context(locale="nb-NO", timezone_id="Europe/Oslo").new_page()
    log_in(oslo, live_server.url, cast.oslo_caseworker)
    oslo.goto(f"{live_server.url}/fordeling/kommune/")
    expect(oslo.get_by_text("Kommunen har ingen forespørsler.")).to_be_visible()
    check_axe(oslo)
    for path in (
        f"/fordeling/kommune/{proposal.pk}/",
        f"/fordeling/brev/{letter.pk}/",
        f"/saker/{accepted.pk}/",
    ):
        response = oslo.goto(f"{live_server.url}{path}")
        assert response is not None and response.status == 404, path
        check_axe(oslo)
