"""IMDi's administrator edits the household letter: a wrong placeholder is refused next to the
field with the text kept, the fix is saved as version 2, a Tigrinya translation is added (English
ships with the system), and a settlement decision made afterwards records those versions and its
letters say the new text. axe on every page and state, at both widths."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bosetting.core.testing import pdf_text
from bosetting.distribution import actions as distribution_actions
from bosetting.distribution.models import DecisionLetter
from bosetting.distribution.tests.helpers import approve_places, proposed, ready_case, sent_proposal

from .support import check_axe, run_worker, save_screenshot

pytestmark = pytest.mark.browser

NEW_SENTENCE = "Velkommen til {kommune}! Ta med denne teksten til kommunen."


def _letter_text(letter: DecisionLetter) -> str:
    with letter.file.open("rb") as handle:
        return pdf_text(handle.read())


def test_administrator_edits_and_translates_the_household_letter_and_new_letters_use_it(
    cast, live_server, log_in_as
):
    approve_places(cast.bergen)
    case = ready_case(
        given_names="ሰላም", family_name="ተወልደ", languages=["tir"], interpreter_language="tir"
    )
    item = distribution_actions.answer_case(
        by=cast.bergen_caseworker,
        proposed_case=proposed(sent_proposal(cast, [case]), case),
        accept=True,
    )

    admin = log_in_as(cast.imdi_admin)
    admin.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Brevmaler").click()
    expect(admin.get_by_role("heading", level=1)).to_have_text("Brevmaler")
    check_axe(admin)
    save_screenshot(admin, "letters-template-list")

    admin.get_by_role("link", name="Norsk – vedtak om bosettingskommune, til husstanden").click()
    body = admin.get_by_label("Brevtekst")
    typed = body.input_value() + "\n\nHei {fornavn}, velkommen."
    body.fill(typed)
    admin.get_by_role("button", name="Lagre ny versjon").click()
    expect(admin.locator("#id_body_error")).to_contain_text("Ukjent flettefelt: {fornavn}")
    expect(admin.get_by_label("Brevtekst")).to_have_value(typed)  # nothing is lost
    check_axe(admin)
    save_screenshot(admin, "letters-template-error")

    admin.get_by_label("Brevtekst").fill(typed.replace("Hei {fornavn}, velkommen.", NEW_SENTENCE))
    admin.get_by_role("button", name="Lagre ny versjon").click()
    expect(admin.get_by_text("Versjon 2 er lagret.")).to_be_visible()
    expect(admin.get_by_text(re.compile(r"Versjon 2, lagret .* av "))).to_be_visible()
    check_axe(admin)

    admin.get_by_role("link", name="Legg til oversettelse").click()
    expect(admin.get_by_label("Brevtekst")).to_have_value(re.compile("Velkommen til \\{kommune\\}"))
    check_axe(admin)
    admin.get_by_label("Språket brevet oversettes til").select_option("tir")
    admin.get_by_role("textbox", name="Overskrift", exact=True).fill("ውሳነ ብዛዕባ ናይ ምንባር ምምሕዳር")
    admin.get_by_label("Brevtekst").fill("ናብ {mottaker}\n\n{personer}\n\nናብ {kommune} ክትነብሩ ኢኹም።")
    admin.get_by_label("Overskrifter i personlisten").fill("ስም; DUF; ዕለት ልደት")
    admin.get_by_role("button", name="Lagre oversettelsen").click()
    expect(admin.get_by_text("Oversettelsen til tigrinja er lagret som versjon 1.")).to_be_visible()
    check_axe(admin)
    save_screenshot(admin, "letters-translation-saved")

    admin.goto(f"{live_server.url}/fordeling/vedtak/")
    admin.get_by_label(f"Velg sak {case.reference}").check()
    admin.get_by_role("button", name="Fatt vedtak for valgte saker").click()
    admin.get_by_role("button", name="Send inn").click()
    expect(
        admin.get_by_text("Vedtak er fattet for 1 sak, og kommunene er varslet.")
    ).to_be_visible()
    run_worker()
    expect(admin.get_by_text("Alle brevene er laget.")).to_be_visible(timeout=10_000)

    letters = {
        letter.language: letter
        for letter in DecisionLetter.objects.filter(
            decision__case=case, recipient="household"
        ).select_related("template_version")
    }
    assert set(letters) == {"nob", "tir"}
    assert letters["nob"].template_version.number == 2
    assert letters["tir"].template_version.number == 1
    assert "Velkommen til Bergen! Ta med denne teksten til kommunen." in _letter_text(
        letters["nob"]
    )
    assert "ናብ ሰላም ተወልደ" in _letter_text(letters["tir"])
    assert item.proposal.municipality == cast.bergen

    admin.goto(f"{live_server.url}/fordeling/foresporsler/{item.proposal_id}/")
    expect(admin.get_by_text("Laget fra brevmal versjon 2")).to_be_visible()
    expect(
        admin.get_by_role("link", name=re.compile(r"til husstanden, oversatt til tigrinja"))
    ).to_be_visible()
    check_axe(admin)
    save_screenshot(admin, "letters-on-the-proposal")
    assert timezone.localdate() == letters["nob"].decision.decided_on
