"""The formula applied to the system's data, and `propose_requests`."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from bosetting.cases.models import Person
from bosetting.planning.tests.factories import MunicipalDecisionFactory
from bosetting.requestformula.explain import explanation
from bosetting.requestformula.proposal import propose
from bosetting.settlement.actions import register_settlement
from bosetting.settlement.tests.factories import make_matched_case

from .helpers import first_formula, populate, whole_country

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year + 1


def test_settled_and_last_years_decision_come_from_the_system(cast):
    populate(cast)
    MunicipalDecisionFactory(
        request__municipality=cast.bergen, request__year=YEAR - 1, request__places=25, places=20
    )
    MunicipalDecisionFactory(
        request__municipality=cast.oslo, request__year=YEAR - 1, request__places=25, places=20
    )
    case = make_matched_case(
        municipality=cast.bergen, decided_on=datetime.date(YEAR - 2, 12, 1), children=1
    )
    register_settlement(
        by=None, persons=Person.objects.filter(case=case), settled_on=datetime.date(YEAR - 1, 2, 1)
    )
    proposal = propose(year=YEAR, places=500, minors=50, formula=first_formula())
    bergen = next(line for line in proposal.lines if line.municipality == cast.bergen)
    assert bergen.settled_last_three_years == 2
    assert bergen.fulfilment_share == pytest.approx(2 / 20)
    assert proposal.result.national_fulfilment_share == pytest.approx(2 / 40)
    assert bergen.requested_last_year == 25
    assert bergen.change_from_last_year == bergen.places - 25
    assert sum(line.places for line in proposal.lines) == 500
    assert sum(line.minors for line in proposal.lines) == 50
    assert sum(county.places for county in proposal.counties) == 500
    text = explanation(bergen, proposal)
    assert text.startswith("Folketall: 28,4\N{NO-BREAK SPACE}% av landet")
    assert (
        "bosatt 10,0\N{NO-BREAK SPACE}% av fjorårets vedtak (landet 5,0\N{NO-BREAK SPACE}%): +"
        in text
    )
    assert "mange bosatt siste tre år (0,01 per 1\N{NO-BREAK SPACE}000 innbyggere" in text


def test_propose_requests_writes_the_issues_json_shape(tmp_path):
    whole_country()
    path = tmp_path / "forslag.json"
    call_command(
        "propose_requests",
        "--year", str(YEAR), "--places", "18900", "--minors", "1200", "--json", str(path),
        stdout=io.StringIO(),
    )  # fmt: skip
    data = json.loads(path.read_text(encoding="utf-8"))
    assert set(data) == {"year", "places", "minors", "formula_version", "municipalities"}
    assert (data["year"], data["places"], data["minors"], data["formula_version"]) == (
        YEAR,
        18900,
        1200,
        1,
    )
    rows = data["municipalities"]
    assert len(rows) == 357
    assert set(rows[0]) == {"kommunenummer", "places", "minors", "terms"}
    assert set(rows[0]["terms"]) == {
        "population",
        "settled_recently",
        "fulfilment",
        "limits",
        "rounding",
    }
    assert sum(row["places"] for row in rows) == 18900
    assert sum(row["minors"] for row in rows) == 1200
    assert min(row["places"] for row in rows) >= 10
    oslo = next(row for row in rows if row["kommunenummer"] == "0301")
    # Without settlements in the system every term is the population share; the minimum lifts
    # the small municipalities and the others, Oslo too, give up a little of theirs.
    assert 2300 < oslo["places"] < 18900 * 717_710 / 5_550_203
    assert oslo["terms"]["limits"] < 0


def test_propose_requests_refuses_a_total_below_every_minimum(tmp_path):
    whole_country()
    with pytest.raises(CommandError, match="mellom 3570 og"):
        call_command(
            "propose_requests",
            "--year", str(YEAR), "--places", "1000", "--minors", "0",
            "--json", str(tmp_path / "x.json"),
        )  # fmt: skip
