"""The settlement decision's letters, made from IMDi's letter templates (bosetting.letters).

The household gets the Norwegian letter, which is the decision, and a translation where IMDi has
one for the household's language; the municipality gets the Norwegian letter. Each is its own
PDF/A with one language, so that it can be archived, read aloud and laid out (right to left for
Arabic script) as what it is (ADR 12).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from bosetting.cases.models import Person
from bosetting.letters.languages import translation_for
from bosetting.letters.models import NORWEGIAN, LetterKind, LetterTemplateVersion
from bosetting.letters.rendering import render_letter

from .models import DecisionLetter, SettlementDecision

KIND_OF = {
    DecisionLetter.Recipient.HOUSEHOLD: LetterKind.DECISION_HOUSEHOLD,
    DecisionLetter.Recipient.MUNICIPALITY: LetterKind.DECISION_MUNICIPALITY,
}


class LetterTemplateMissing(RuntimeError):
    """No template to make a letter from: the defaults are installed by migrate."""


@dataclass(frozen=True)
class Letter:
    recipient: str
    language: str
    version: LetterTemplateVersion
    content: ContentFile
    sha256: str


def household_languages(members: list[Person]) -> list[str]:
    """The head of household's interpreter language, then their languages, in that order."""
    head = next((person for person in members if person.relation == "head"), None)
    if head is None:
        return []
    return [code for code in [head.interpreter_language, *head.languages] if code]


def _values(decision: SettlementDecision, recipient: str, members: list[Person]) -> dict[str, str]:
    municipality = decision.municipality
    head = next((person for person in members if person.relation == "head"), None)
    if recipient == DecisionLetter.Recipient.HOUSEHOLD:
        addressee = head.full_name if head else decision.case.reference
    else:
        addressee = _("%(name)s kommune") % {"name": municipality.name}
    return {
        "mottaker": addressee,
        "kommune": municipality.name,
        "kommunenummer": municipality.number,
        "vedtaksdato": date_format(decision.decided_on, "d.m.Y"),
        "saksnummer": decision.case.reference,
        "antall_personer": str(len(members)),
    }


def planned_letters(
    decision: SettlementDecision,
    *,
    members: list[Person],
    templates: dict[str, dict[str, LetterTemplateVersion]],
) -> list[tuple[str, str, LetterTemplateVersion]]:
    """Every letter `decision` gets, as (recipient, language, template version), chosen when the
    decision is made; the task worker makes them afterwards (ADR 15). `templates` is each kind's
    newest version by language (bosetting.letters.queries.current_versions), read once for all
    the decisions made at once."""
    planned = []
    for recipient, kind in KIND_OF.items():
        versions = templates.get(kind, {})
        languages = [NORWEGIAN]
        if recipient == DecisionLetter.Recipient.HOUSEHOLD:
            translation = translation_for(household_languages(members), versions)
            if translation is not None:
                languages.append(translation)
        for language in languages:
            version = versions.get(language)
            if version is None:
                raise LetterTemplateMissing(f"No letter template {kind}/{language}.")
            planned.append((str(recipient), language, version))
    return planned


def decision_letter(letter: DecisionLetter, *, members: list[Person]) -> Letter:
    """The PDF of one planned letter, from the template version chosen with the decision."""
    version = letter.template_version
    if version is None:
        raise LetterTemplateMissing(f"Letter {letter.pk} has no template version.")
    decision = letter.decision
    persons = [
        (person.full_name, person.duf_number, date_format(person.birth_date, "d.m.Y"))
        for person in members
    ]
    pdf = render_letter(
        version, values=_values(decision, letter.recipient, members), persons=persons
    )
    return Letter(
        recipient=letter.recipient,
        language=letter.language,
        version=version,
        content=ContentFile(pdf, name=letter.download_name),
        sha256=hashlib.sha256(pdf).hexdigest(),
    )
