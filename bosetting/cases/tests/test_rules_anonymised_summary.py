"""What the anonymised summary a municipality sees before its yes makes of each member."""

from __future__ import annotations

import datetime

import pytest

from bosetting.cases import actions
from bosetting.cases.actions import HealthInput
from bosetting.cases.models import Person, Relation
from bosetting.cases.queries import members_of
from bosetting.cases.summary import anonymised_summary, summary_from_members

from .factories import make_case, person_data

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)


def _assess(person: Person, **data) -> None:
    actions.save_assessment(by=None, person=person, data=data, health=HealthInput())


def test_the_head_comes_first_even_when_another_member_is_older(cast):
    case = make_case(birth_date=datetime.date(1998, 1, 1))
    for birth in (datetime.date(2019, 5, 1), datetime.date(1970, 5, 1)):
        actions.add_member(
            by=None, case=case, person=person_data(birth_date=birth), relation=Relation.OTHER
        )
    summary = anonymised_summary(case, today=TODAY)
    assert [member.birth_year for member in summary.members] == [1998, 1970, 2019]
    assert summary.household_size == 3


def test_a_member_not_yet_assessed_has_empty_answers_not_guesses(cast):
    (member,) = anonymised_summary(make_case(), today=TODAY).members
    assert (member.norwegian_level, member.education_level) == ("", "")
    assert (member.education_years, member.work_years, member.special_needs) == (None, None, ())


def test_no_special_needs_is_shown_as_none_at_all(cast):
    case = make_case()
    _assess(case.members.get(), special_needs=["none"])
    assert anonymised_summary(case, today=TODAY).members[0].special_needs == ()


def test_unknown_codes_and_non_numbers_are_left_out(cast):
    case = make_case()
    _assess(
        case.members.get(),
        norwegian_level="Z9",
        education_level="phd",
        education_years=True,
        work_years="7",
        special_needs=["housing_adaptation", "wheelchair"],
    )
    (member,) = anonymised_summary(case, today=TODAY).members
    assert (member.norwegian_level, member.education_level) == ("", "")
    assert (member.education_years, member.work_years) == (None, None)
    assert "Tilrettelagt bolig" in member.special_needs
    assert not any("wheelchair" in need for need in member.special_needs)


def test_age_is_counted_on_the_day_given(cast):
    case = make_case(birth_date=datetime.date(2008, 6, 2))
    assert anonymised_summary(case, today=datetime.date(2026, 6, 1)).members[0].age == 17
    assert anonymised_summary(case, today=datetime.date(2026, 6, 2)).members[0].age == 18


def test_codes_are_shown_by_their_norwegian_names(cast):
    case = make_case(languages=["tir", "qqq"], interpreter_language="", citizenship="XXA")
    _assess(case.members.get(), norwegian_level="A2", education_level="vocational")
    (member,) = anonymised_summary(case, today=TODAY).members
    assert member.languages == ("Tigrinja", "qqq")
    assert member.interpreter_language == ""
    assert (member.citizenship, member.citizenship_label) == ("XXA", "Statsløs")
    assert (member.norwegian_level, member.education_level) == ("A2", "Fagutdanning")
    assert (member.sex_label, member.category_label) == ("Kvinne", "Overføringsflyktning")


def test_a_proposal_page_gets_the_same_summary_from_members_it_loaded(cast):
    case = make_case(children=2)
    members = list(reversed(list(members_of(case))))
    assert summary_from_members(case, members, today=TODAY) == anonymised_summary(case, today=TODAY)
