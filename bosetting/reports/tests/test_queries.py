"""The figures of "Anmodninger og vedtak", computed in the database from factory data."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bosetting.organisations.tests.factories import CountyFactory, MunicipalityFactory
from bosetting.planning.models import MunicipalDecision, SettlementRequest
from bosetting.planning.tests.factories import MunicipalDecisionFactory, SettlementRequestFactory
from bosetting.reports.queries import (
    figures_by_county,
    figures_by_municipality,
    figures_by_year,
    report_years,
    requests_in,
    requests_visible_to,
    total_figures,
)

YEAR = 2026


def _decide(request: SettlementRequest, places: int, minors: int = 0, **kwargs) -> None:
    MunicipalDecisionFactory(request=request, places=places, unaccompanied_minors=minors, **kwargs)


@pytest.fixture
def figures_world(cast):
    """Bergen asked for 100 (10 minors), decided 80 (5 minors) after replacing a decision of 60;
    Stord asked for 30 (3 minors) and has only a draft decision; Oslo asked for 200 (20 minors)
    and decided 250 (25 minors). A draft request for Vestland's new municipality never counts."""
    bergen = SettlementRequestFactory(
        municipality=cast.bergen, year=YEAR, places=100, unaccompanied_minors=10
    )
    _decide(bergen, 60, state=MunicipalDecision.State.REPLACED)
    _decide(bergen, 80, 5, state=MunicipalDecision.State.ACKNOWLEDGED)
    stord = SettlementRequestFactory(
        municipality=cast.stord, year=YEAR, places=30, unaccompanied_minors=3
    )
    _decide(stord, 500, state=MunicipalDecision.State.DRAFT)
    oslo = SettlementRequestFactory(
        municipality=cast.oslo, year=YEAR, places=200, unaccompanied_minors=20
    )
    _decide(oslo, 250, 25)
    SettlementRequestFactory(
        municipality=MunicipalityFactory(county=cast.vestland, name="Utkastby"),
        year=YEAR,
        places=999,
        state=SettlementRequest.State.DRAFT,
    )
    # Last year, Bergen only.
    _decide(SettlementRequestFactory(municipality=cast.bergen, year=YEAR - 1, places=50), 50)
    return cast


def test_imdi_counts_per_county_without_drafts_and_replaced_decisions(figures_world):
    requests = requests_visible_to(figures_world.imdi_caseworker)
    oslo, vestland = figures_by_county(requests, year=YEAR)
    assert (vestland.label, vestland.key) == ("Vestland", "46")
    assert vestland.requested_places == 130
    assert vestland.requested_minors == 13
    assert vestland.decided_places == 80
    assert vestland.decided_minors == 5
    # Only Bergen has decided: its 80 against the 100 it was asked for. Stord's open request is
    # no shortfall.
    assert vestland.requested_places_answered == 100
    assert vestland.difference == -20
    assert vestland.settled == 0
    assert (vestland.request_count, vestland.answered_count) == (2, 1)
    assert vestland.share_answered == 0.5
    assert (oslo.label, oslo.requested_places, oslo.decided_places) == ("Oslo", 200, 250)
    assert oslo.difference == 50


def test_national_total_sums_every_county(figures_world):
    requests = requests_visible_to(figures_world.imdi_caseworker)
    total = total_figures(requests_in(requests, year=YEAR), label="Hele landet")
    assert total.label == "Hele landet"
    assert (total.requested_places, total.requested_minors) == (330, 33)
    assert (total.decided_places, total.decided_minors) == (330, 30)
    assert total.difference == 330 - 300  # decided against what the deciding ones were asked
    assert total.share_answered == pytest.approx(2 / 3)


def test_municipalities_within_a_county_and_its_total(figures_world):
    requests = requests_visible_to(figures_world.imdi_caseworker)
    vestland = figures_world.vestland
    bergen, stord = figures_by_municipality(requests, year=YEAR, county=vestland)
    assert (bergen.label, bergen.decided_places, bergen.share_answered) == ("4601 Bergen", 80, 1)
    assert (stord.label, stord.decided_places, stord.share_answered) == ("4614 Stord", 0, 0)
    total = total_figures(requests_in(requests, year=YEAR, county=vestland), label="Sum")
    assert (total.requested_places, total.decided_places) == (130, 80)


def test_years_for_the_nation_and_for_a_county(figures_world):
    requests = requests_visible_to(figures_world.imdi_caseworker)
    last_year, this_year = figures_by_year(requests)
    assert (last_year.label, last_year.requested_places, last_year.decided_places) == (
        str(YEAR - 1),
        50,
        50,
    )
    assert (this_year.requested_places, this_year.decided_places) == (330, 330)
    oslo_county = figures_world.oslo.county
    [oslo_only] = figures_by_year(requests, county=oslo_county)
    assert (oslo_only.label, oslo_only.requested_places) == (str(YEAR), 200)
    assert report_years(requests) == [YEAR, YEAR - 1]


def test_a_municipality_counts_only_its_own_requests(figures_world):
    requests = requests_visible_to(figures_world.bergen_caseworker)
    [bergen] = figures_by_municipality(requests, year=YEAR)
    assert bergen.label == "4601 Bergen"
    assert [row.label for row in figures_by_county(requests, year=YEAR)] == ["Vestland"]
    assert [row.requested_places for row in figures_by_year(requests)] == [50, 100]
    assert total_figures(requests, label="Bergen").requested_places == 150


def test_users_without_the_report_permission_count_nothing(figures_world):
    for user in (figures_world.bergen_admin, figures_world.reception_staff):
        assert not requests_visible_to(user).exists()


def test_an_empty_year_has_no_rows_and_a_zero_total(figures_world):
    requests = requests_visible_to(figures_world.imdi_reader)
    assert figures_by_county(requests, year=2001) == []
    total = total_figures(requests_in(requests, year=2001), label="Hele landet")
    assert (total.requested_places, total.decided_places, total.share_answered) == (0, 0, None)


def test_other_counties_municipalities_stay_out_of_a_county_table(cast):
    elsewhere = MunicipalityFactory(county=CountyFactory(number="50", name="Trøndelag"))
    SettlementRequestFactory(municipality=elsewhere, year=YEAR)
    SettlementRequestFactory(municipality=cast.bergen, year=YEAR)
    requests = requests_visible_to(cast.imdi_caseworker)
    rows = figures_by_municipality(requests, year=YEAR, county=cast.vestland)
    assert [row.label for row in rows] == ["4601 Bergen"]


def test_the_current_decision_is_joined_once_not_copied_into_each_figure(figures_world):
    """As a subquery the current decision appeared four times per row, each sorted by the
    model's default order: JIT compiling then cost more than the query (issue 14)."""
    requests = requests_visible_to(figures_world.imdi_caseworker)
    with CaptureQueriesContext(connection) as captured:
        figures_by_year(requests)
    [query] = captured
    assert query["sql"].count('"planning_municipaldecision"') == 1
    assert 'JOIN "planning_municipaldecision"' in query["sql"]
