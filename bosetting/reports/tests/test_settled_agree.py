"""«Bosatt» is one number wherever it is shown: the year overview, the report «Anmodninger og
vedtak», the start pages, the free places, the national settlement report and the API count it
from settlement.counting, and on the demo data and the generated national set they agree."""

from __future__ import annotations

import datetime
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from bosetting.accounts.models import User
from bosetting.api.queries import municipality_figures
from bosetting.demo import national
from bosetting.distribution.queries import places_table
from bosetting.organisations.models import Municipality
from bosetting.planning.models import SettlementRequest
from bosetting.planning.overview import overview_rows, totals_by_county
from bosetting.reports.dashboards import imdi_dashboard, municipal_dashboard
from bosetting.reports.national import national_report
from bosetting.reports.queries import figures_by_county, figures_by_municipality
from bosetting.settlement.models import Settlement

pytestmark = pytest.mark.django_db


def _national_by_municipality(year: int) -> dict[str, int]:
    report = national_report(
        start=datetime.date(year, 1, 1),
        end=datetime.date(year, 12, 31),
        group_by="municipality",
        own_municipality_id=None,
    )
    return {str(label).split(" ", 1)[0]: int(count) for label, count in report.rows}


def assert_every_figure_agrees(imdi_user: Any) -> dict[str, int]:
    """Every place that shows persons settled this year, per municipality and in total."""
    today = timezone.localdate()
    year = today.year
    rows = overview_rows(year, today=today)
    overview = {row.municipality.number: row.settled for row in rows}
    assert sum(overview.values()) > 0, "the data must settle someone this year"

    sent = SettlementRequest.objects.exclude(state=SettlementRequest.State.DRAFT)
    report = {row.key: row.settled for row in figures_by_municipality(sent, year=year)}
    api = {row.number: row.settled for row in municipality_figures(imdi_user, year=year)}
    national_rows = _national_by_municipality(year)
    free = {row.number: row for row in places_table(year)}
    assert report and free

    for municipality in Municipality.objects.all():
        number = municipality.number
        settled = overview[number]
        dashboard = municipal_dashboard(municipality.pk)
        assert dashboard.places.settled == settled, number
        assert national_rows.get(number, 0) == settled, number
        if number in report:
            assert report[number] == api[number] == settled, number
        if number in free:
            row = free[number]
            assert row.settled == settled, number
            assert row.minors_settled == dashboard.minors.settled, number
            assert row.awaiting == dashboard.places.awaiting, number
            assert row.free == dashboard.places.left, number

    counties, nation = totals_by_county(rows)
    per_county = {county.label: county.settled for county in counties}
    for row in figures_by_county(sent, year=year):
        assert row.settled == per_county[row.label], row.label
    assert nation.settled == imdi_dashboard().settled_this_year
    assert nation.settled == Settlement.objects.filter(is_current=True, settled_year=year).count()
    return overview


@pytest.fixture
def demo_mode(settings: Any) -> None:
    settings.DEMO_MODE = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_the_demo_data_shows_one_number_for_settled_this_year(demo_mode: None) -> None:
    call_command("seed_demo", stdout=StringIO())

    overview = assert_every_figure_agrees(User.objects.get(username="imdi.saksbehandler"))

    assert overview["4601"] > 0  # Bergen
    assert overview["0301"] > 0  # Oslo


def test_the_generated_national_set_shows_one_number_for_settled_this_year(cast: Any) -> None:
    generated = national.generate(
        by=cast.imdi_caseworker,
        scale=0.002,
        today=timezone.localdate(),
        progress=lambda text: None,
    )
    assert generated is not None

    overview = assert_every_figure_agrees(cast.imdi_caseworker)

    assert sum(1 for settled in overview.values() if settled) > 5
