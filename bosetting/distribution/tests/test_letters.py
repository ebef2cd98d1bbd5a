"""The settlement decision's letters: what they say, the template version and language each was
made from, the household's translation, and their Norwegian file names."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bosetting.core.testing import close_response, pdf_text
from bosetting.letters import actions as letter_actions
from bosetting.letters.models import LetterKind, LetterTemplate

from ..models import DecisionLetter
from .helpers import accept_and_decide, ready_case

pytestmark = pytest.mark.usefixtures("bergen_places")


def _text(letter: DecisionLetter) -> str:
    with letter.file.open("rb") as handle:
        return pdf_text(handle.read())


def _letters(case) -> dict[tuple[str, str], DecisionLetter]:
    return {
        (letter.recipient, letter.language): letter
        for letter in DecisionLetter.objects.filter(decision__case=case).select_related(
            "template_version__template"
        )
    }


def test_household_letter_says_the_offer_cannot_be_appealed_and_promises_no_appeal(cast):
    case = accept_and_decide(cast, ready_case(given_names="Selam", family_name="Tewelde"))
    household = _text(_letters(case)[("household", "nob")])
    assert "Dere kan klage" not in household
    assert "tre uker" not in household
    assert "Tilbud om bosettingskommune kan ikke påklages." in household
    municipality = _text(_letters(case)[("municipality", "nob")])
    assert "tre uker" not in municipality
    assert "kan klage" not in municipality


def test_household_letter_names_recipient_decision_legal_basis_next_steps_and_contact(cast):
    case = accept_and_decide(cast, ready_case(given_names="Selam", family_name="Tewelde"))
    text = _text(_letters(case)[("household", "nob")])
    assert f"Til: Selam Tewelde og husstanden i sak {case.reference}" in text
    assert "har bestemt at dere skal bosettes i Bergen kommune (kommunenummer 4601)" in text
    assert "Rettslig grunnlag: integreringsloven § 41, jf. § 43" in text
    assert "Kommunen tar kontakt med dere om bolig" in text
    assert "postmottak@imdi.no" in text


def test_each_letter_records_the_template_version_and_language_it_was_made_from(cast):
    template = LetterTemplate.objects.get(kind=LetterKind.DECISION_HOUSEHOLD, language="nob")
    current = template.versions.get()
    letter_actions.save_template_version(
        by=cast.imdi_admin,
        template=template,
        based_on=current.number,
        title=current.title,
        body=current.body + "\n\nVelkommen til {kommune}!",
        legal_basis="integreringsloven § 41",
        person_columns=current.person_columns,
    )
    case = accept_and_decide(cast, ready_case())
    letters = _letters(case)
    household = letters[("household", "nob")]
    assert household.template_version.number == 2
    assert household.template_version.template == template
    assert "Velkommen til Bergen!" in _text(household)
    assert "vedtak-husstand-nob-v2" in _text(household)
    assert letters[("municipality", "nob")].template_version.template.kind == (
        LetterKind.DECISION_MUNICIPALITY
    )


def test_household_gets_the_letter_in_norwegian_and_in_its_own_language_too(cast):
    case = accept_and_decide(cast, ready_case(languages=["som", "eng"], interpreter_language="som"))
    letters = _letters(case)
    assert set(letters) == {("household", "nob"), ("household", "eng"), ("municipality", "nob")}
    english = _text(letters[("household", "eng")])
    assert "This is a translation. The letter in Norwegian is the decision." in english
    assert "settled in Bergen municipality" in english
    assert "cannot be appealed" in english
    assert letters[("household", "eng")].template_version.template.language == "eng"


def test_a_translation_imdi_adds_is_used_for_the_households_interpreter_language(cast):
    nob = LetterTemplate.objects.get(kind=LetterKind.DECISION_HOUSEHOLD, language="nob")
    text = nob.versions.get()
    letter_actions.add_translation(
        by=cast.imdi_admin,
        kind=LetterKind.DECISION_HOUSEHOLD,
        language="tir",
        title="ውሳነ",
        body="ንስድራ {mottaker}: {kommune}\n\n{personer}",
        legal_basis=text.legal_basis,
        person_columns="ስም; DUF; ዕለት",
    )
    case = accept_and_decide(
        cast,
        ready_case(
            given_names="ሰላም",
            family_name="ተወልደ",
            languages=["tir", "eng"],
            interpreter_language="tir",
        ),
    )
    letters = _letters(case)
    assert set(letters) == {("household", "nob"), ("household", "tir"), ("municipality", "nob")}
    assert "ንስድራ ሰላም ተወልደ: Bergen" in _text(letters[("household", "tir")])


def test_household_without_a_translation_for_its_language_gets_the_norwegian_letter_only(cast):
    case = accept_and_decide(cast, ready_case(languages=["tir"], interpreter_language="tir"))
    assert set(_letters(case)) == {("household", "nob"), ("municipality", "nob")}


def test_letter_files_have_norwegian_names(cast, client_for):
    case = accept_and_decide(cast, ready_case(languages=["eng"], interpreter_language="eng"))
    letters = _letters(case)
    client = client_for(cast.imdi_caseworker)
    expected = {
        ("household", "nob"): f"vedtak-{case.reference}-husstand.pdf",
        ("household", "eng"): f"vedtak-{case.reference}-husstand-eng.pdf",
        ("municipality", "nob"): f"vedtak-{case.reference}-kommune.pdf",
    }
    for key, name in expected.items():
        response = client.get(reverse("distribution:letter_download", args=[letters[key].pk]))
        close_response(response)
        assert response["Content-Disposition"] == f'attachment; filename="{name}"'
        assert "household" not in letters[key].file.name
