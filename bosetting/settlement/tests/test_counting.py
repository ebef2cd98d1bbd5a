"""What counts as settled in a year, and as a promised place, wherever a figure shows it."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from bosetting.cases.models import Category, Person
from bosetting.distribution.queries import free_places
from bosetting.planning.overview import overview_rows
from bosetting.planning.tests.factories import MunicipalDecisionFactory
from bosetting.reports.dashboards import municipal_dashboard

from ..actions import register_settlement, withdraw_settlement
from ..counting import settled_totals
from .factories import make_matched_case

pytestmark = pytest.mark.django_db


def _today() -> datetime.date:
    # Asked for each time: a date taken when the module was imported goes stale when the
    # suite runs across midnight in Oslo.
    return timezone.localdate()


YEAR = timezone.localdate().year


def _places(cast: Any) -> None:
    MunicipalDecisionFactory(
        request__municipality=cast.bergen, request__year=YEAR, places=20, unaccompanied_minors=2
    )


def _overview_settled(municipality: Any) -> int:
    rows = overview_rows(YEAR, today=_today())
    return next(row.settled for row in rows if row.municipality == municipality)


def test_a_household_decided_last_year_and_settled_this_year_uses_this_years_places(cast):
    _places(cast)
    case = make_matched_case(
        municipality=cast.bergen, decided_on=datetime.date(YEAR - 1, 12, 20), children=1
    )
    assert free_places(cast.bergen, YEAR).free == 18  # promised: awaiting settlement

    register_settlement(by=None, persons=Person.objects.filter(case=case), settled_on=_today())

    row = free_places(cast.bergen, YEAR)
    assert (row.settled, row.awaiting, row.free) == (2, 0, 18)
    assert _overview_settled(cast.bergen) == 2
    assert municipal_dashboard(cast.bergen.pk).places.left == 18


def test_a_corrected_settlement_counts_once_in_the_corrected_year(cast):
    case = make_matched_case(municipality=cast.bergen, decided_on=datetime.date(YEAR - 1, 12, 1))
    persons = Person.objects.filter(case=case)
    register_settlement(by=None, persons=persons, settled_on=_today())

    register_settlement(
        by=None, persons=persons, settled_on=datetime.date(YEAR - 1, 12, 30), reason="Feil år"
    )

    assert settled_totals(year=YEAR, municipality_id=cast.bergen.pk).persons == 0
    assert settled_totals(year=YEAR - 1, municipality_id=cast.bergen.pk).persons == 1
    assert _overview_settled(cast.bergen) == 0


def test_a_withdrawn_settlement_stops_counting_and_the_place_is_promised_again(cast):
    _places(cast)
    case = make_matched_case(municipality=cast.bergen)
    person = Person.objects.get(case=case)
    register_settlement(by=None, persons=[person], settled_on=_today())

    withdraw_settlement(by=None, person=person, reason="Registrert ved en feil")

    row = free_places(cast.bergen, YEAR)
    assert (row.settled, row.awaiting, row.free) == (0, 1, 19)
    assert _overview_settled(cast.bergen) == 0


def test_unaccompanied_minors_count_against_their_own_places(cast):
    _places(cast)
    minor = make_matched_case(municipality=cast.bergen, category=Category.UNACCOMPANIED_MINOR)
    make_matched_case(municipality=cast.bergen, category=Category.UNACCOMPANIED_MINOR)
    register_settlement(by=None, persons=Person.objects.filter(case=minor), settled_on=_today())

    row = free_places(cast.bergen, YEAR)
    assert (row.minors_settled, row.minors_awaiting, row.minors_free) == (1, 1, 0)
    dashboard = municipal_dashboard(cast.bergen.pk)
    assert (dashboard.minors.settled, dashboard.minors.awaiting) == (1, 1)
