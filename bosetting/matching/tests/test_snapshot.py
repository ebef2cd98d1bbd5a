"""The plan's problem read from the database: the work list's ready cases and free places."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from bosetting.cases.models import Category
from bosetting.distribution.tests.helpers import (
    accept_and_decide,
    accepted,
    approve_places,
    minor_case,
    ready_case,
)

from ..problem import Weights
from ..snapshot import build_instance, households, municipalities, snapshot_hash
from .db_helpers import declined_by, ready_case_with

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


def test_a_case_carries_its_assessment_and_waiting_time(cast):
    case = ready_case_with(
        children=1,
        wish_municipalities=["0301"],
        wish_counties=["46"],
        family_in_norway="yes",
        family_municipalities=["4601"],
        special_needs=["housing_adaptation"],
    )
    later = timezone.localdate() + datetime.timedelta(days=10)

    (household,) = households({}, today=later)

    assert household.id == case.pk
    assert household.persons == 2
    assert household.minors == 0
    assert household.wishes == {"0301"}
    assert household.wish_counties == {"46"}
    assert household.network == {"4601"}
    assert household.needs == {"housing_adaptation"}
    assert household.days_waited == 10


def test_no_special_need_is_not_a_need(cast):
    ready_case()

    (household,) = households({}, today=timezone.localdate())

    assert household.needs == frozenset()


def test_unaccompanied_minors_are_counted(cast):
    minor_case()

    (household,) = households({}, today=timezone.localdate())

    assert household.minors == 1


def test_a_municipality_that_declined_the_case_is_forbidden(cast):
    approve_places(cast.bergen)
    case = ready_case()
    declined_by(cast, case, cast.bergen, cast.bergen_caseworker)

    (household,) = households({}, today=timezone.localdate())

    assert household.id == case.pk
    assert household.forbidden == {"4601"}


def test_the_work_lists_filters_select_the_cases(cast):
    ready_case()
    minor = minor_case()

    selected = households({"category": Category.UNACCOMPANIED_MINOR}, today=timezone.localdate())

    assert [h.id for h in selected] == [minor.pk]


def test_cases_in_a_live_proposal_are_left_out(cast):
    approve_places(cast.bergen)
    accepted(cast, ready_case())

    assert households({}, today=timezone.localdate()) == ()


def test_free_places_are_approved_minus_matched(cast):
    approve_places(cast.bergen, places=10, takes_minors=True)
    accept_and_decide(cast, ready_case(children=2))

    (bergen,) = municipalities(YEAR)

    assert bergen.id == "4601"
    assert bergen.approved == 10
    assert bergen.places == 7
    assert bergen.takes_minors
    assert bergen.minor_places == 2
    assert bergen.county == "46"


def test_without_agreement_a_municipality_is_left_out_unless_included(cast):
    approve_places(cast.stord, places=5, takes_minors=False)

    assert municipalities(YEAR) == ()
    (stord,) = municipalities(YEAR, include=["4614"])
    assert stord.id == "4614"
    assert stord.places == 5
    assert not stord.takes_minors
    assert stord.minor_places == 0


def test_without_a_decision_a_municipality_is_left_out_even_when_included(cast):
    assert municipalities(YEAR, include=["0301"]) == ()


def test_the_hash_is_stable_and_follows_the_inputs(cast):
    approve_places(cast.bergen)
    ready_case()

    first = build_instance(year=YEAR, filters={}, weights=Weights())
    again = build_instance(year=YEAR, filters={}, weights=Weights())
    heavier = build_instance(year=YEAR, filters={}, weights=Weights(network=61))

    assert len(snapshot_hash(first)) == 64
    assert snapshot_hash(first) == snapshot_hash(again)
    assert snapshot_hash(first) != snapshot_hash(heavier)


@pytest.mark.parametrize("cases", [1, 6])
def test_the_snapshot_takes_the_same_queries_for_few_and_many_cases(
    cast, cases, django_assert_num_queries
):
    approve_places(cast.bergen)
    approve_places(cast.oslo)
    for number in range(cases):
        ready_case_with(children=number % 3, wish_municipalities=["0301"])

    with django_assert_num_queries(6):
        instance = build_instance(year=YEAR, filters={}, weights=Weights())

    assert len(instance.cases) == cases
    assert len(instance.municipalities) == 2


def test_a_centre_is_stored_by_its_key_and_selects_its_residents(cast):
    at_centre = ready_case(centre=cast.centre)
    ready_case()

    selected = households({"centre": cast.centre.pk}, today=timezone.localdate())

    assert [h.id for h in selected] == [at_centre.pk]
