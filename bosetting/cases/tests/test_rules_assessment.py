"""When an assessment is complete enough for «Klar for bosetting», by age and by answer."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bosetting.cases.assessment import (
    SCHOOL_AGE,
    WORK_AGE,
    age_on,
    missing_fields,
    special_need_labels,
)
from bosetting.cases.models import AssessmentVersion, Person

from .factories import COMPLETE_ADULT

TODAY = datetime.date(2026, 6, 15)

LABELS = {
    "family_in_norway": "familie eller nettverk i Norge",
    "education_level": "utdanningsnivå",
    "education_years": "antall år skolegang",
    "work_years": "år med arbeidserfaring",
    "norwegian_level": "norsknivå",
    "special_needs": "særskilte behov (kryss av for «Ingen særskilte behov» om ingen)",
    "has_pets": "kjæledyr",
}


def _missing(birth_date: datetime.date, data: dict | None, today: datetime.date = TODAY):
    version = AssessmentVersion(data=data) if data is not None else None
    return missing_fields(Person(birth_date=birth_date), version, today=today)


def _born_years_before(years: int, *, days_later: int = 0) -> datetime.date:
    return TODAY.replace(year=TODAY.year - years) + datetime.timedelta(days=days_later)


def test_a_person_without_any_assessment_is_missing_the_whole_assessment():
    assert _missing(datetime.date(1990, 1, 1), None) == ["kartlegging er ikke påbegynt"]


def test_a_complete_adult_assessment_misses_nothing():
    assert _missing(datetime.date(1990, 1, 1), dict(COMPLETE_ADULT)) == []


@pytest.mark.parametrize("key", list(LABELS))
def test_each_required_answer_left_blank_or_out_is_named(key):
    for blank in (None, "", []):
        data = {**COMPLETE_ADULT, key: blank}
        assert _missing(datetime.date(1990, 1, 1), data) == [LABELS[key]], blank
    data = {name: value for name, value in COMPLETE_ADULT.items() if name != key}
    assert _missing(datetime.date(1990, 1, 1), data) == [LABELS[key]]


def test_zero_years_of_school_or_work_is_an_answer():
    data = {**COMPLETE_ADULT, "education_years": 0, "work_years": 0}
    assert _missing(datetime.date(1990, 1, 1), data) == []


def test_a_child_under_six_needs_no_school_or_work_history():
    data = {**COMPLETE_ADULT, "education_level": "", "education_years": None, "work_years": None}
    assert _missing(_born_years_before(SCHOOL_AGE, days_later=1), data) == []


def test_school_is_asked_for_from_the_sixth_birthday():
    data = {**COMPLETE_ADULT, "education_level": "", "education_years": None, "work_years": None}
    assert _missing(_born_years_before(SCHOOL_AGE), data) == [
        LABELS["education_level"],
        LABELS["education_years"],
    ]


def test_work_is_not_asked_for_the_day_before_the_sixteenth_birthday():
    data = {**COMPLETE_ADULT, "work_years": None}
    assert _missing(_born_years_before(WORK_AGE, days_later=1), data) == []


def test_work_is_asked_for_from_the_sixteenth_birthday():
    data = {**COMPLETE_ADULT, "work_years": None}
    assert _missing(_born_years_before(WORK_AGE), data) == [LABELS["work_years"]]


@given(
    st.dates(min_value=datetime.date(1930, 1, 1), max_value=datetime.date(2026, 6, 15)),
    st.dates(min_value=datetime.date(2026, 1, 1), max_value=datetime.date(2030, 12, 31)),
)
def test_school_and_work_answers_are_required_exactly_from_their_ages(birth_date, today):
    missing = _missing(birth_date, {"family_in_norway": "no"}, today=today)
    age = age_on(birth_date, today)
    assert (LABELS["education_years"] in missing) == (age >= SCHOOL_AGE)
    assert (LABELS["work_years"] in missing) == (age >= WORK_AGE)
    assert LABELS["norwegian_level"] in missing  # asked at every age


def test_family_in_norway_asks_where_the_family_lives():
    data = {**COMPLETE_ADULT, "family_in_norway": "yes", "family_municipalities": []}
    assert _missing(datetime.date(1990, 1, 1), data) == ["kommuner der personen har familie"]
    data["family_municipalities"] = ["4601"]
    assert _missing(datetime.date(1990, 1, 1), data) == []


def test_pets_ask_which_pets():
    data = {**COMPLETE_ADULT, "has_pets": "yes", "pets": ""}
    assert _missing(datetime.date(1990, 1, 1), data) == ["hvilke kjæledyr"]
    data["pets"] = "Katt"
    assert _missing(datetime.date(1990, 1, 1), data) == []


@given(
    st.dates(min_value=datetime.date(1930, 1, 1), max_value=datetime.date(2020, 12, 31)),
    st.integers(min_value=1, max_value=90),
)
def test_age_grows_by_one_on_each_birthday_and_not_the_day_before(birth_date, years):
    if birth_date.month == 2 and birth_date.day == 29:
        birth_date = birth_date.replace(day=28)
    birthday = birth_date.replace(year=birth_date.year + years)
    assert age_on(birth_date, birthday) == years
    assert age_on(birth_date, birthday - datetime.timedelta(days=1)) == years - 1


def test_special_need_labels_are_norwegian_and_unknown_codes_are_left_out():
    assert special_need_labels(["housing_adaptation", "wheelchair", "institution"]) == [
        "Tilrettelagt bolig",
        "Institusjonsplass",
    ]
