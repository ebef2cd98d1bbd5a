"""Template texts use named placeholders only: unknown names and stray braces are refused."""

from __future__ import annotations

import pytest

from ..models import LetterKind
from ..placeholders import Block, TemplateTextError, blocks, check_text

KIND = LetterKind.DECISION_HOUSEHOLD


def test_known_placeholders_are_accepted():
    check_text(KIND, "Til {mottaker} i {kommune} ({ kommunenummer }), {vedtaksdato}\n\n{personer}")


def test_an_unknown_placeholder_is_refused_with_the_names_that_may_be_used():
    with pytest.raises(TemplateTextError) as refused:
        check_text(KIND, "Hei {fornavn}, velkommen til {kommune}.")
    assert "Ukjent flettefelt: {fornavn}" in refused.value.message
    assert "{mottaker}" in refused.value.message


def test_django_template_code_is_refused():
    for text in ("{{ decision.decided_by.password }}", "{% load static %}", "{kommune"):
        with pytest.raises(TemplateTextError):
            check_text(KIND, text)


def test_the_persons_table_must_stand_on_its_own_line():
    with pytest.raises(TemplateTextError) as refused:
        check_text(KIND, "Disse personene: {personer}")
    assert refused.value.message == "{personer} må stå alene på en egen linje."


def test_the_persons_table_is_refused_where_only_text_may_stand():
    with pytest.raises(TemplateTextError):
        check_text(KIND, "{personer}", blocks_allowed=False)


def test_body_becomes_headings_paragraphs_and_the_persons_table_filled_in():
    body = "Til: {mottaker}\nDato: {vedtaksdato}\n\n{personer}\n\n# Klage\nIkke i {kommune}.\n"
    assert blocks(
        body, {"mottaker": "Selam", "vedtaksdato": "01.02.2027", "kommune": "Bergen"}
    ) == [
        Block("paragraph", ("Til: Selam", "Dato: 01.02.2027")),
        Block("persons"),
        Block("heading", ("Klage",)),
        Block("paragraph", ("Ikke i Bergen.",)),
    ]


def test_values_are_not_read_as_placeholders_again():
    assert blocks("{mottaker}", {"mottaker": "{kommune}", "kommune": "Bergen"}) == [
        Block("paragraph", ("{kommune}",))
    ]
