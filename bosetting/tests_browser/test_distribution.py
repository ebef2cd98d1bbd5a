"""The distribution journey: IMDi proposes two cases to Bergen, Bergen reads each person's
anonymised summary, declines one (after being told a no needs a reason) and accepts the other
through the review step (back once, then confirm), IMDi decides, Bergen follows the decision's
notice to the decision and its letters on the case page and downloads one, the declined case is
back in IMDi's work list, and Oslo sees none of it. axe on every page and state."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from bosetting.distribution.models import DecisionLetter, Proposal, ProposedCase, SettlementDecision
from bosetting.distribution.tests.helpers import approve_places, ready_case

from .support import DESKTOP, PHONE, check_axe, log_in, run_worker, save_screenshot

pytestmark = pytest.mark.browser

# The facts a municipality answers on, each label and its value as the page lays them out: out
# of sight if past the viewport's edge or past the edge of a box that scrolls or clips it.
FACT_LABELS = ["Kategori", "Språk", "Norsknivå", "Utdanning", "Særskilte behov"]
FACTS_IN_SIGHT = """(labels) => {
  const view = document.documentElement.clientWidth;
  const outOfSight = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.left < 0 || r.right > view + 1) return true;
    for (let box = el.parentElement; box; box = box.parentElement) {
      if (/(auto|scroll|hidden)/.test(getComputedStyle(box).overflowX)) {
        const b = box.getBoundingClientRect();
        if (r.left < b.left - 1 || r.right > b.right + 1) return true;
      }
    }
    return false;
  };
  const found = {};
  const hidden = [];
  for (const label of document.querySelectorAll("main dt, main th")) {
    const text = label.textContent.trim();
    if (!labels.includes(text)) continue;
    found[text] = (found[text] || 0) + 1;
    const value = label.nextElementSibling;
    if (outOfSight(label) || (value && outOfSight(value))) hidden.push(text);
  }
  return {found, hidden, sideways: document.documentElement.scrollWidth > view};
}"""


def assert_summaries_readable(page: Page, persons: int) -> None:
    """Each person's category, languages, Norwegian level, education and special needs are in
    sight at 1,280 px and at 360 px, and the page does not scroll sideways."""
    before = page.viewport_size or DESKTOP
    try:
        for size in (DESKTOP, PHONE):
            page.set_viewport_size(size)
            layout = page.evaluate(FACTS_IN_SIGHT, FACT_LABELS)
            assert layout["hidden"] == [], (size, layout["hidden"])
            assert layout["found"] == dict.fromkeys(FACT_LABELS, persons), size
            assert not layout["sideways"], size
    finally:
        page.set_viewport_size(before)


def proposed_answer(case) -> str:
    return ProposedCase.objects.get(case=case).answer


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
    # Leyla Karimi and her child, and Samir Haddad: three people, each fact in sight.
    assert_summaries_readable(bergen, persons=3)
    bergen.set_viewport_size(PHONE)
    save_screenshot(bergen, "distribution-answer-360")
    bergen.set_viewport_size(DESKTOP)

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
    # A yes binds: it is shown for review first. «Tilbake og endre» keeps the choice; «Send inn» sends it.
    yes_form = bergen.get_by_role("form", name=f"Svar på sak {accepted.reference}")
    yes_form.get_by_label("Ja, vi kan bosette husstanden").check()
    yes_form.get_by_label("Utdyping").fill("Bolig klar fra juni.")
    yes_form.get_by_role("button", name=re.compile("Lagre svar")).click()
    expect(bergen.get_by_role("heading", level=1)).to_have_text(
        f"Kontroller svaret på sak {accepted.reference}"
    )
    expect(bergen.get_by_text("Et ja er bindende")).to_be_visible()
    assert_summaries_readable(bergen, persons=2)
    check_axe(bergen)
    save_screenshot(bergen, "distribution-answer-review")
    assert proposed_answer(accepted) == "pending"
    bergen.get_by_role("button", name="Tilbake og endre").click()
    yes_form = bergen.get_by_role("form", name=f"Svar på sak {accepted.reference}")
    expect(yes_form.get_by_label("Ja, vi kan bosette husstanden")).to_be_checked()
    expect(yes_form.get_by_label("Utdyping")).to_have_value("Bolig klar fra juni.")
    check_axe(bergen)
    yes_form.get_by_role("button", name=re.compile("Lagre svar")).click()
    bergen.get_by_role("button", name="Send inn").click()
    expect(bergen.get_by_text(f"Svaret på sak {accepted.reference} er lagret.")).to_be_visible()
    expect(bergen.get_by_text("Personmappen åpnes når IMDi har fattet vedtak")).to_be_visible()
    check_axe(bergen)
    assert proposed_answer(accepted) == "accepted"
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.ANSWERED

    imdi.goto(f"{live_server.url}/fordeling/vedtak/")
    expect(imdi.get_by_role("heading", level=1)).to_have_text("Vedtak om bosettingskommune")
    check_axe(imdi)
    imdi.get_by_label(f"Velg sak {accepted.reference}").check()
    imdi.get_by_role("button", name="Fatt vedtak for valgte saker").click()
    # The decision binds: the chosen cases and the date are reviewed first.
    expect(imdi.get_by_role("heading", level=1)).to_have_text(
        "Kontroller vedtak om bosettingskommune"
    )
    expect(imdi.get_by_role("row", name=re.compile(accepted.reference))).to_contain_text("Bergen")
    check_axe(imdi)
    save_screenshot(imdi, "distribution-decide-review")
    assert not SettlementDecision.objects.exists()
    imdi.get_by_role("button", name="Tilbake og endre").click()
    expect(imdi.get_by_label(f"Velg sak {accepted.reference}")).to_be_checked()
    imdi.get_by_role("button", name="Fatt vedtak for valgte saker").click()
    imdi.get_by_role("button", name="Send inn").click()
    expect(imdi.get_by_text("Vedtak er fattet for 1 sak, og kommunene er varslet.")).to_be_visible()
    # The decision has committed; the letters follow from the task worker, and the page follows.
    expect(imdi.get_by_text("0 av 2 brev er laget")).to_be_visible()
    check_axe(imdi)
    run_worker()
    expect(imdi.get_by_text("Alle brevene er laget.")).to_be_visible(timeout=10_000)
    check_axe(imdi)

    bergen.reload()
    check_axe(bergen)

    # The decision's notice leads to the decision and both letters on the case page.
    bergen.goto(f"{live_server.url}/varsler/")
    bergen.get_by_role("link", name=f"Vedtak om bosetting i sak {accepted.reference}").click()
    expect(bergen).to_have_url(re.compile(rf"/saker/{accepted.pk}/#vedtak$"))
    decision = bergen.locator("#vedtak")
    expect(decision.get_by_role("link", name=re.compile("til husstanden"))).to_be_visible()
    expect(decision.get_by_role("link", name=re.compile("til kommunen"))).to_be_visible()
    expect(bergen.locator("#foresporsel").get_by_text(proposal.reference)).to_be_visible()
    check_axe(bergen)
    save_screenshot(bergen, "distribution-case-page-decision")
    with bergen.expect_download() as household_letter:
        decision.get_by_role("link", name=re.compile("til husstanden")).click()
    with open(household_letter.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    # The proposals list, filtered and sorted without script.
    bergen.goto(f"{live_server.url}/fordeling/kommune/")
    bergen.get_by_label("Status").select_option(label="Besvart")
    bergen.get_by_label("Sorter etter").select_option(label="Sendt, nyeste først")
    bergen.get_by_role("button", name="Oppdater listen").click()
    expect(bergen).to_have_url(re.compile(r"state=answered&sort=sent_desc"))
    expect(bergen.get_by_role("link", name=proposal.reference)).to_be_visible()
    check_axe(bergen)
    bergen.get_by_label("Status").select_option(label="Utløpt")
    bergen.get_by_role("button", name="Oppdater listen").click()
    expect(bergen.get_by_text("Ingen forespørsler passer med filteret.")).to_be_visible()
    check_axe(bergen)

    bergen.goto(f"{live_server.url}/fordeling/kommune/{proposal.pk}/")
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
