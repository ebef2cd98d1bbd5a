"""What the registration and assessment forms accept before an action sees the input."""

from __future__ import annotations

import datetime

import pytest

from bosetting.cases.forms import AssessmentForm, MemberForm, PersonForm
from bosetting.cases.models import Relation, Residence
from bosetting.cases.validators import make_national_id
from bosetting.organisations.tests.factories import ReceptionCentreFactory

pytestmark = pytest.mark.django_db


def _person_post(cast, **overrides) -> dict:
    data = {
        "duf_number": "2024 0000 0042",
        "national_id": "",
        "given_names": "Mariam",
        "family_name": "Yusuf",
        "birth_date": "12.04.1988",
        "sex": "female",
        "citizenship": "SOM",
        "languages": ["som"],
        "interpreter_language": "",
        "category": "resettlement",
        "residence": "private",
        "reception_centre": "",
    }
    data.update(overrides)
    return data


def test_numbers_typed_in_groups_are_stored_as_digits(cast):
    national_id = make_national_id(datetime.date(1988, 4, 12))
    grouped = f"{national_id[:6]} {national_id[6:]}"
    form = PersonForm(_person_post(cast, duf_number="2024.0000.0042", national_id=grouped))
    assert form.is_valid(), form.errors
    data = form.person_data()
    assert (data.duf_number, data.national_id) == ("202400000042", national_id)
    assert data.birth_date == datetime.date(1988, 4, 12)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("duf_number", "2024 0000 004"),
        ("duf_number", "2024 0000 004x"),
        ("national_id", "12345678901"),
        ("birth_date", "1988-04-12"),  # the form takes dd.mm.åååå only
        ("citizenship", "ZZZ"),
        ("languages", ["xx"]),
    ],
)
def test_a_wrong_value_is_an_error_on_its_own_field(cast, field, value):
    form = PersonForm(_person_post(cast, **{field: value}))
    assert not form.is_valid()
    assert list(form.errors) == [field]


def test_reception_staff_are_offered_their_own_centre_only(cast):
    other = ReceptionCentreFactory(municipality=cast.oslo)
    form = PersonForm(own_centre=cast.centre)
    assert [value for value, _label in form.fields["residence"].choices] == [
        Residence.RECEPTION_CENTRE
    ]
    assert list(form.fields["reception_centre"].queryset) == [cast.centre]
    posted = PersonForm(
        _person_post(cast, residence="reception_centre", reception_centre=str(other.pk)),
        own_centre=cast.centre,
    )
    assert not posted.is_valid() and "reception_centre" in posted.errors


def test_a_member_cannot_be_registered_as_head(cast):
    choices = [value for value, _label in MemberForm().fields["relation"].choices]
    assert Relation.HEAD not in choices
    assert set(choices) == set(Relation.values) - {Relation.HEAD}


def test_no_special_needs_cannot_be_ticked_with_a_need(cast):
    form = AssessmentForm({"special_needs": ["none", "institution"]})
    assert not form.is_valid()
    assert list(form.errors) == ["special_needs"]


@pytest.mark.parametrize(
    ("field", "value", "valid"),
    [
        ("education_years", "30", True),
        ("education_years", "31", False),
        ("education_years", "-1", False),
        ("work_years", "70", True),
        ("work_years", "71", False),
    ],
)
def test_years_of_school_and_work_have_their_limits(cast, field, value, valid):
    assert AssessmentForm({field: value}).is_valid() == valid


def test_the_assessment_stores_municipalities_and_counties_by_number(cast):
    form = AssessmentForm(
        {
            "family_in_norway": "yes",
            "family_municipalities": ["4601", "0301"],
            "wish_counties": ["46"],
            "health_consent": "on",
            "health_consent_date": "05.01.2026",
            "health_consent_taken_by": "Kari",
        }
    )
    assert form.is_valid(), form.errors
    data = form.assessment_data()
    assert sorted(data["family_municipalities"]) == ["0301", "4601"]
    assert data["wish_counties"] == ["46"]
    health = form.health_input()
    assert (health.consent, health.consent_date) == (True, datetime.date(2026, 1, 5))
