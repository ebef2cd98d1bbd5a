"""What each client reads: the interface's scoping for its organisation, paginated and filtered."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from bosetting.api.scopes import Scope
from bosetting.audit.models import AuditEvent, EventType
from bosetting.cases.models import Case, CaseState
from bosetting.cases.tests.factories import assess_completely, make_case
from bosetting.cases.transitions import change_case_state
from bosetting.organisations.tests.factories import ReceptionCentreFactory
from bosetting.planning.tests.factories import MunicipalDecisionFactory, SettlementRequestFactory


@pytest.fixture
def other_centre(cast):
    return ReceptionCentreFactory(name="Råde mottak", municipality=cast.oslo)


@pytest.fixture
def fana_api(cast, make_api_client):
    return make_api_client(cast.centre.organisation, [Scope.CASES_READ], name="Fana-systemet")[1]


def _ids(response):
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_centre_client_lists_only_its_own_residents(cast, fana_api, other_centre):
    own = make_case(centre=cast.centre, children=2)
    make_case(centre=other_centre)
    make_case()  # living privately
    response = fana_api.get("/api/v1/cases/")
    assert _ids(response) == [own.pk]
    [case] = response.json()["results"]
    assert case["state"] == "being_assessed"
    assert len(case["members"]) == 3
    assert {member["reception_centre"] for member in case["members"]} == {"Fana mottak"}


def test_another_centres_case_and_person_are_404(cast, fana_api, other_centre):
    theirs = make_case(centre=other_centre)
    person = theirs.members.get()
    for url in (f"/api/v1/cases/{theirs.pk}/", f"/api/v1/persons/{person.pk}/"):
        response = fana_api.get(url)
        assert response.status_code == 404
        assert response.json() == {"detail": "Fant ikke det du spurte etter.", "errors": {}}


def test_reading_a_case_is_logged_in_the_clients_name(cast, fana_api):
    own = make_case(centre=cast.centre, children=1)
    response = fana_api.get(f"/api/v1/cases/{own.pk}/")
    assert response.status_code == 200
    assert [m["relation"] for m in response.json()["members"]] == ["head", "child"]
    event = AuditEvent.objects.filter(event_type=EventType.PERSON_FILE_VIEWED).get()
    assert event.actor_label.startswith("API-klient: Fana-systemet")
    assert event.actor_organisation_id == cast.centre.organisation.pk


def test_person_endpoint_shows_identity_but_never_health(cast, fana_api):
    person = make_case(centre=cast.centre, with_national_id=True).members.get()
    body = fana_api.get(f"/api/v1/persons/{person.pk}/").json()
    assert body["duf_number"] == person.duf_number
    assert body["national_id"] == person.national_id
    assert not {"health_details", "assessment", "notes"} & set(body)


def test_imdi_client_sees_every_case(cast, make_api_client, other_centre):
    _client, api = make_api_client(cast.imdi, [Scope.CASES_READ])
    cases = [make_case(centre=cast.centre), make_case(centre=other_centre), make_case()]
    assert _ids(api.get("/api/v1/cases/")) == [case.pk for case in cases]


def test_municipal_client_sees_only_cases_matched_to_it(cast, make_api_client):
    _client, bergen_api = make_api_client(cast.bergen.organisation, [Scope.CASES_READ])
    _client, oslo_api = make_api_client(cast.oslo.organisation, [Scope.CASES_READ])
    matched = make_case(centre=cast.centre)
    make_case(centre=cast.centre)
    assess_completely(matched)
    with transaction.atomic():
        for state in (CaseState.READY, CaseState.PROPOSED):
            change_case_state(by=None, case=matched, to=state)
        matched.municipality = cast.bergen
        change_case_state(by=None, case=matched, to=CaseState.MATCHED)
    assert _ids(bergen_api.get("/api/v1/cases/")) == [matched.pk]
    assert _ids(oslo_api.get("/api/v1/cases/")) == []
    assert oslo_api.get(f"/api/v1/cases/{matched.pk}/").status_code == 404
    assert bergen_api.get("/api/v1/cases/").json()["results"][0]["municipality"] == "4601"


def test_cases_are_paginated(cast, fana_api):
    cases = [make_case(centre=cast.centre) for _ in range(5)]
    first = fana_api.get("/api/v1/cases/?page_size=2").json()
    assert first["count"] == 5
    assert [row["id"] for row in first["results"]] == [cases[0].pk, cases[1].pk]
    assert first["previous"] is None
    third = fana_api.get(first["next"].replace("http://testserver", "")).json()
    third = fana_api.get(third["next"].replace("http://testserver", "")).json()
    assert [row["id"] for row in third["results"]] == [cases[4].pk]
    assert third["next"] is None
    missing = fana_api.get("/api/v1/cases/?page=9")
    assert missing.status_code == 404
    assert missing.json()["detail"] == "Siden finnes ikke."


def test_cases_filter_by_state_and_update_time(cast, fana_api):
    ready = make_case(centre=cast.centre)
    old = make_case(centre=cast.centre)
    assess_completely(ready)
    with transaction.atomic():
        change_case_state(by=None, case=ready, to=CaseState.READY)
    Case.objects.filter(pk=old.pk).update(
        state_changed_at=timezone.now() - datetime.timedelta(days=10)
    )
    assert _ids(fana_api.get("/api/v1/cases/?state=ready")) == [ready.pk]
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    assert _ids(fana_api.get("/api/v1/cases/", {"updated_since": since})) == [ready.pk]


def test_bad_filter_is_400_with_the_field(cast, fana_api):
    response = fana_api.get("/api/v1/cases/?state=borte&updated_since=i-går")
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Forespørselen har ugyldige verdier."
    assert set(body["errors"]) == {"state", "updated_since"}


def test_case_list_queries_do_not_grow_with_rows(cast, fana_api, django_assert_num_queries):
    for _ in range(3):
        make_case(centre=cast.centre, children=1)
    fana_api.get(
        "/api/v1/cases/"
    )  # the first call stamps last_used_at; later ones within a minute do not
    with django_assert_num_queries(5) as three:
        assert len(_ids(fana_api.get("/api/v1/cases/"))) == 3
    for _ in range(17):
        make_case(centre=cast.centre, children=1)
    with django_assert_num_queries(len(three.captured_queries)):
        assert len(_ids(fana_api.get("/api/v1/cases/"))) == 20


def test_imdi_reads_every_municipalitys_figures(cast, make_api_client):
    year = timezone.localdate().year
    SettlementRequestFactory(municipality=cast.oslo, year=year, places=40, unaccompanied_minors=4)
    MunicipalDecisionFactory(
        request__municipality=cast.bergen, request__year=year, places=25, unaccompanied_minors=3
    )
    _client, api = make_api_client(cast.imdi, [Scope.FIGURES_READ])
    rows = api.get("/api/v1/municipalities/").json()["results"]
    assert [
        (r["number"], r["county_name"], r["requested_places"], r["decided_places"]) for r in rows
    ] == [
        ("0301", "Oslo", 40, 0),
        ("4601", "Vestland", 20, 25),
    ]
    assert rows[1]["decided_minors"] == 3
    vestland = api.get("/api/v1/municipalities/", {"county": "46", "year": year}).json()
    assert [r["number"] for r in vestland["results"]] == ["4601"]
    assert api.get("/api/v1/municipalities/?year=1900").status_code == 400


def test_a_municipality_reads_only_its_own_figures(cast, make_api_client):
    year = timezone.localdate().year
    SettlementRequestFactory(municipality=cast.oslo, year=year)
    SettlementRequestFactory(municipality=cast.bergen, year=year)
    _client, api = make_api_client(cast.bergen.organisation, [Scope.FIGURES_READ])
    rows = api.get("/api/v1/municipalities/").json()["results"]
    assert [r["number"] for r in rows] == ["4601"]


def test_case_reader_may_not_read_figures(cast, fana_api):
    assert fana_api.get("/api/v1/municipalities/").status_code == 403
