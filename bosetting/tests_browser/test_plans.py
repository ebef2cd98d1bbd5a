"""IMDi makes a distribution plan: starts it from the work list, follows the task worker,
reviews the plan, moves one household with a reason, and makes the draft proposals; axe on
every page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from bosetting.distribution.models import Proposal
from bosetting.distribution.tests.helpers import approve_places, ready_case
from bosetting.matching.models import PlanAssignment

from .support import check_axe, log_in, run_worker, save_screenshot

pytestmark = pytest.mark.browser


def test_imdi_makes_reviews_and_turns_a_plan_into_drafts(
    cast: Any, live_server: Any, log_in_as: Any, browser: Any
) -> None:
    approve_places(cast.bergen, places=20)
    approve_places(cast.oslo, places=20)
    cases = [
        ready_case(given_names="Leyla", family_name="Karimi"),
        ready_case(given_names="Samir", family_name="Haddad", children=2),
    ]
    page = log_in_as(cast.imdi_caseworker)

    page.goto(f"{live_server.url}/fordeling/")
    page.get_by_role("link", name="Lag fordelingsforslag").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lag fordelingsforslag")
    check_axe(page)
    page.get_by_label("Vekt: familie og nettverk").fill("80")
    page.get_by_role("button", name="Beregn forslaget").click()
    expect(page.get_by_text("Forslaget venter på å bli beregnet.")).to_be_visible()
    check_axe(page)

    run_worker()

    expect(page.get_by_role("heading", name="Per kommune")).to_be_visible(timeout=10_000)
    expect(page.get_by_text("2 av 2 saker")).to_be_visible()
    check_axe(page)
    save_screenshot(page, "fordelingsforslag")

    first = PlanAssignment.objects.select_related("municipality").get(case=cases[0])
    target = "Oslo" if first.municipality == cast.bergen else "Bergen"
    page.get_by_role("link", name=f"Flytt sak {cases[0].reference}").click()
    check_axe(page)
    page.get_by_label("Flytt til kommune").select_option(label=_label(page, target))
    page.get_by_label("Begrunnelse").fill("Familien har fått arbeid der")
    page.get_by_role("button", name="Flytt saken").click()
    expect(page.get_by_text(f"Sak {cases[0].reference} er flyttet.")).to_be_visible()
    expect(page.get_by_text("Familien har fått arbeid der")).to_be_visible()
    check_axe(page)

    page.get_by_role("button", name="Lag utkast til forespørsler").click()
    expect(page.get_by_text("Ingenting er sendt")).to_be_visible()
    check_axe(page)
    assert Proposal.objects.filter(state=Proposal.State.DRAFT).count() >= 1
    assert not Proposal.objects.exclude(state=Proposal.State.DRAFT).exists()

    # A person sends one draft; the municipality sees it anonymised, as every proposal.
    proposal = Proposal.objects.select_related("municipality").order_by("pk").first()
    assert proposal is not None
    name = proposal.municipality.name
    page.get_by_role("link", name=f"{proposal.reference} – {name}").click()
    page.get_by_role("button", name="Send forespørselen").click()
    expect(page.get_by_text(f"er sendt til {name}")).to_be_visible()
    caseworker = cast.bergen_caseworker if name == "Bergen" else cast.oslo_caseworker
    municipal = browser.new_context(locale="nb-NO", timezone_id="Europe/Oslo").new_page()
    log_in(municipal, live_server.url, caseworker)
    municipal.goto(f"{live_server.url}/fordeling/kommune/")
    municipal.get_by_role("link", name=proposal.reference).click()
    expect(municipal.get_by_role("heading", level=1)).to_have_text(
        f"Forespørsel {proposal.reference}"
    )
    check_axe(municipal)
    for word in ("Leyla", "Karimi", "Samir", "Haddad", "Fordelingsforslag", "Nest beste", "poeng"):
        assert word not in municipal.content()


def _label(page: Any, name: str) -> str:
    """The option's whole label, which also says the free places after the plan."""
    options = page.get_by_label("Flytt til kommune").locator("option").all_inner_texts()
    return next(option for option in options if option.startswith(name))
