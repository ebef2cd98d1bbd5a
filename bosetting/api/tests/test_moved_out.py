"""The centre's system loses a household through the API as the centre does on its pages: once
it has moved out, its case and persons are absent and 404; partly settled, only those left."""

from __future__ import annotations

import pytest
from django.utils import timezone

from bosetting.api.scopes import Scope
from bosetting.cases.models import Person, Relation
from bosetting.settlement.actions import register_settlement
from bosetting.settlement.tests.factories import make_matched_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def fana_api(cast, make_api_client):
    scopes = [Scope.CASES_READ, Scope.SETTLEMENT_WRITE]
    return make_api_client(cast.centre.organisation, scopes, name="Fana-systemet")[1]


def _settle(persons):
    register_settlement(by=None, persons=persons, settled_on=timezone.localdate())


def test_a_household_that_moved_out_is_absent_and_404_for_the_centres_system(cast, fana_api):
    case = make_matched_case(municipality=cast.oslo, centre=cast.centre, children=1)
    head = case.members.get(relation=Relation.HEAD)
    urls = [f"/api/v1/cases/{case.pk}/", f"/api/v1/persons/{head.pk}/"]
    assert [fana_api.get(url).status_code for url in urls] == [200, 200]

    _settle(case.members.all())

    assert fana_api.get("/api/v1/cases/").json()["results"] == []
    for url in urls:
        response = fana_api.get(url)
        assert response.status_code == 404
        assert response.json() == {"detail": "Fant ikke det du spurte etter.", "errors": {}}


def test_a_partly_settled_household_shows_only_those_still_at_the_centre(cast, fana_api):
    case = make_matched_case(municipality=cast.oslo, centre=cast.centre, children=1)
    head = case.members.get(relation=Relation.HEAD)
    child = case.members.get(relation=Relation.CHILD)
    _settle([head])

    [listed] = fana_api.get("/api/v1/cases/").json()["results"]
    detail = fana_api.get(f"/api/v1/cases/{case.pk}/").json()

    assert [member["id"] for member in listed["members"]] == [child.pk]
    assert [member["id"] for member in detail["members"]] == [child.pk]
    assert fana_api.get(f"/api/v1/persons/{head.pk}/").status_code == 404
    # Its moving out is still reported by the centre's system.
    response = fana_api.post(
        f"/api/v1/persons/{child.pk}/settlement/",
        {"settled_on": timezone.localdate().isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert Person.objects.filter(case=case, settlements__is_current=True).count() == 2
