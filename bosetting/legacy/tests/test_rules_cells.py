"""Reading one cell as a date, number, yes/no, code, e-mail or reference, and noting where it is wrong.

No database: a cell is read from the row alone (references take the ids they may point to).
"""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bosetting.legacy.cells import Cells
from bosetting.legacy.reading import Problem, Row


def _cells(**values: str) -> tuple[Cells, list[Problem]]:
    problems: list[Problem] = []
    return Cells(Row("fil.csv", 7, values), problems), problems


def _only(problems: list[Problem]) -> tuple[str, str]:
    (problem,) = problems
    assert (problem.file, problem.line) == ("fil.csv", 7)
    return problem.field, problem.message


@given(st.dates(min_value=datetime.date(1900, 1, 1)))
def test_every_iso_date_from_1900_is_read_back_as_itself(day):
    cells, problems = _cells(dato=day.isoformat())
    assert cells.date("dato") == day
    assert problems == []


@given(st.dates(max_value=datetime.date(1899, 12, 31)))
def test_a_date_before_1900_is_refused(day):
    cells, problems = _cells(dato=day.isoformat())
    assert cells.date("dato") is None
    assert _only(problems) == (
        "dato",
        f"«{day.isoformat()}» er før 1900. Sjekk datoen; datoer før 1900 godtas ikke.",
    )


@pytest.mark.parametrize(
    "value", ["2025-3-1", "01.03.2025", "2025/03/01", "2025-02-29", "20250301", "2025-03-01T12"]
)
def test_only_a_real_day_written_yyyy_mm_dd_is_a_date(value):
    cells, problems = _cells(dato=value)
    assert cells.date("dato") is None
    assert _only(problems) == (
        "dato",
        f"«{value}» er ikke en gyldig dato. Datoer skrives ÅÅÅÅ-MM-DD.",
    )


def test_an_optional_date_may_be_empty_and_a_required_one_may_not():
    cells, problems = _cells(dato="")
    assert cells.date("dato", required=False) is None and problems == []
    assert cells.date("dato") is None
    assert _only(problems) == ("dato", "Feltet må fylles ut (dato som ÅÅÅÅ-MM-DD).")


def test_today_is_not_in_the_future_and_tomorrow_is():
    cells, problems = _cells()
    today = datetime.date(2026, 6, 1)
    cells.not_future("dato", today, today)
    cells.not_future("dato", None, today)
    assert problems == []
    cells.not_future("dato", today + datetime.timedelta(days=1), today)
    assert _only(problems) == ("dato", "Datoen kan ikke være frem i tid.")


@pytest.mark.parametrize(
    ("value", "expected", "message"),
    [
        ("0", 0, None),
        ("30", 30, None),
        ("31", None, "Tallet må være mellom 0 og 30."),
        ("-1", None, "«-1» er ikke et helt tall."),
        ("1.5", None, "«1.5» er ikke et helt tall."),
        ("٣", None, "«٣» er ikke et helt tall."),  # an Arabic-Indic digit
    ],
)
def test_a_whole_number_within_its_limits(value, expected, message):
    cells, problems = _cells(tall=value)
    assert cells.integer("tall", minimum=0, maximum=30) == expected
    assert [p.message for p in problems] == ([message] if message else [])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("ja", True),
        ("J", True),
        ("1", True),
        ("TRUE", True),
        ("nei", False),
        ("n", False),
        ("0", False),
        ("false", False),
        ("", False),
    ],
)
def test_the_old_systems_ways_of_writing_yes_and_no(value, expected):
    cells, problems = _cells(svar=value)
    assert cells.yes_no("svar") is expected
    assert problems == []


def test_an_assessment_answer_left_empty_is_not_answered_rather_than_no():
    cells, problems = _cells(a="", b="Ja", c="nei", d="kanskje")
    assert [cells.optional_yes_no(c) for c in "abcd"] == ["", "yes", "no", ""]
    assert _only(problems) == ("d", "Skriv «ja», «nei» eller la feltet stå tomt.")


def test_a_choice_must_be_one_of_the_codes_exactly_and_says_which_there_are():
    cells, problems = _cells(kjonn="Female")
    assert cells.choice("kjonn", {"female", "male"}) == ""
    assert _only(problems) == ("kjonn", "Ukjent verdi «Female». Gyldige verdier: female, male.")


def test_a_list_keeps_its_known_codes_and_names_each_unknown_one():
    cells, problems = _cells(sprak=" tir, ara ,xx,,yy ")
    assert cells.codes("sprak", {"tir", "ara"}) == ["tir", "ara"]
    assert [p.message for p in problems] == ["Ukjent kode «xx».", "Ukjent kode «yy»."]


def test_an_email_is_compared_in_lower_case_and_must_be_an_address():
    cells, problems = _cells(a="Kari.Nordmann@IMDi.example", b="kari@")
    assert cells.email("a") == "kari.nordmann@imdi.example"
    assert cells.email("b") == ""
    assert _only(problems) == ("b", "«kari@» er ikke en e-postadresse.")


def test_a_reference_must_point_at_a_row_unless_its_file_was_unreadable():
    cells, problems = _cells(sak="S9")
    assert cells.reference("sak", {"S1"}, "saker.csv") == ""
    assert _only(problems) == ("sak", "Finner ingen rad med gammel_id «S9» i saker.csv.")
    assert cells.reference("sak", None, "saker.csv") == "S9"
    assert len(problems) == 1


def test_text_longer_than_its_column_is_cut_and_noted():
    cells, problems = _cells(navn="x" * 12)
    assert cells.text("navn", max_length=10) == "x" * 10
    assert _only(problems) == ("navn", "Feltet kan ha høyst 10 tegn.")
