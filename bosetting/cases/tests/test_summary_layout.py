"""The anonymised summary shows each person as a card of facts, not as a table wider than the
answer page's box (1,457 px in 640 px): category, languages, Norwegian level, education and
special needs were cut off. The browser test (tests_browser/test_distribution.py) measures it at
1,280 px and 360 px."""

from __future__ import annotations

import re

from django.template.loader import render_to_string

from bosetting.cases.summary import AnonymisedMember, AnonymisedSummary

FACTS = [
    "Statsborgerskap",
    "Kategori",
    "Språk",
    "Norsknivå",
    "Utdanning",
    "Arbeidserfaring",
    "Særskilte behov",
]


def _member(relation: str, label: str, age: int, **facts: object) -> AnonymisedMember:
    values: dict[str, object] = {
        "relation": relation,
        "relation_label": label,
        "birth_year": 2026 - age,
        "age": age,
        "sex_label": "Kvinne",
        "citizenship": "ERI",
        "citizenship_label": "Eritrea",
        "category_label": "Overføringsflyktning",
        "languages": ("Tigrinja", "Arabisk"),
        "interpreter_language": "Tigrinja",
        "norwegian_level": "A2",
        "education_level": "Høyere utdanning, lavere grad",
        "education_years": 15,
        "work_years": 6,
        "special_needs": ("Tilrettelagt bolig", "Helsemessig oppfølging"),
    }
    values.update(facts)
    return AnonymisedMember(**values)  # type: ignore[arg-type]


def _html() -> str:
    summary = AnonymisedSummary(
        case_reference="000042",
        household_size=2,
        members=(
            _member("head", "Hovedperson", 39),
            _member("child", "Barn", 9, education_years=None, work_years=None, special_needs=()),
        ),
    )
    return render_to_string("cases/_anonymised_summary.html", {"summary": summary})


def test_each_person_is_a_card_of_labelled_facts_not_a_table_row() -> None:
    html = _html()
    assert "<table" not in html and "table-wrap" not in html
    cards = re.findall(r'<li class="summary__member">(.*?)</li>', html, flags=re.S)
    assert len(cards) == 2
    for card in cards:
        assert re.findall(r"<dt>(.*?)</dt>", card) == FACTS


def test_the_head_of_households_card_comes_first_and_says_everything() -> None:
    head, child = re.findall(r'<li class="summary__member">(.*?)</li>', _html(), flags=re.S)
    assert "Hovedperson" in head and "Barn" in child
    for fact in (
        "Eritrea",
        "Overføringsflyktning",
        "Tigrinja, Arabisk (tolk: Tigrinja)",
        "A2",
        "Høyere utdanning, lavere grad, 15 år",
        "6 år",
        "Tilrettelagt bolig, Helsemessig oppfølging",
        "født 1987",
    ):
        assert fact in head, fact
    assert "<dd>–</dd>" in child  # no work experience, no special needs
    assert "Sak 000042: 2 personer" in _html()
