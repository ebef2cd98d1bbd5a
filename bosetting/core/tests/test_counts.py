"""«1 sak», «2 saker»: a number shown with its noun takes the noun's right form."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from bosetting.core.counts import NOUNS, counted


@pytest.mark.parametrize(
    ("number", "noun", "shown"),
    [
        (0, "sak", "0 saker"),
        (1, "sak", "1 sak"),
        (2, "sak", "2 saker"),
        (1, "kommune", "1 kommune"),
        (357, "kommune", "357 kommuner"),
        (1, "flyktning", "1 flyktning"),
        (40, "flyktning", "40 flyktninger"),
        (1, "enslig mindreårig", "1 enslig mindreårig"),
        (3, "enslig mindreårig", "3 enslige mindreårige"),
        (1, "dag", "1 dag"),
        (14, "dag", "14 dager"),
        (1, "minutt", "1 minutt"),
        (30, "minutt", "30 minutter"),
        (1, "person", "1 person"),
        (5, "person", "5 personer"),
        (1, "år", "1 år"),
        (4, "år", "4 år"),
    ],
)
def test_counted_takes_the_singular_for_one_and_the_plural_otherwise(
    number: int, noun: str, shown: str
) -> None:
    with translation.override("nb"):
        assert counted(number, noun) == shown


def test_the_template_filter_says_the_same() -> None:
    template = Template('{% load counts %}{{ one|counted:"sak" }}, {{ two|counted:"sak" }}')
    with translation.override("nb"):
        assert template.render(Context({"one": 1, "two": 2})) == "1 sak, 2 saker"


def test_english_has_its_own_forms() -> None:
    with translation.override("en"):
        assert counted(1, "sak") == "1 case"
        assert counted(2, "sak") == "2 cases"


def test_every_noun_is_given_in_the_singular() -> None:
    with translation.override("nb"):
        for noun in NOUNS:
            assert counted(1, noun) == f"1 {noun}"
