"""A reception centre's system registers its residents' settlement through the settlement action."""

import datetime

import pytest
from django.utils import timezone

from bosetting.api.scopes import Scope
from bosetting.audit.models import AuditEvent, EventType
from bosetting.cases.models import CaseState
from bosetting.organisations.tests.factories import ReceptionCentreFactory
from bosetting.settlement.models import Settlement, Source
from bosetting.settlement.tests.factories import make_matched_case

TODAY = timezone.localdate


@pytest.fixture
def fana_api(cast, make_api_client):
    return make_api_client(
        cast.centre.organisation, [Scope.CASES_READ, Scope.SETTLEMENT_WRITE], name="Fana-systemet"
    )[1]


@pytest.fixture
def resident(cast):
    case = make_matched_case(
        municipality=cast.bergen,
        centre=cast.centre,
        decided_on=TODAY() - datetime.timedelta(days=20),
    )
    return case.members.get()


def _post(api, person, **body):
    return api.post(
        f"/api/v1/persons/{person.pk}/settlement/", body, content_type="application/json"
    )


def test_centre_client_registers_its_residents_settlement(cast, fana_api, resident):
    day = TODAY() - datetime.timedelta(days=2)
    response = _post(fana_api, resident, settled_on=day.isoformat())
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["settled_on"] == day.isoformat()
    assert body["municipality"] == "4601"
    assert body["source"] == "api"
    assert body["case_state"] == CaseState.SETTLED
    settlement = Settlement.objects.get(person=resident, is_current=True)
    assert settlement.source == Source.API
    event = AuditEvent.objects.get(event_type=EventType.SETTLEMENT_REGISTERED)
    assert event.actor_label.startswith("API-klient: Fana-systemet")


def test_another_centres_client_gets_404_and_writes_nothing(cast, make_api_client, resident):
    rade = ReceptionCentreFactory(name="Råde mottak", municipality=cast.oslo)
    _client, rade_api = make_api_client(rade.organisation, [Scope.SETTLEMENT_WRITE])
    response = _post(rade_api, resident, settled_on=TODAY().isoformat())
    assert response.status_code == 404
    assert not Settlement.objects.exists()


def test_municipality_client_may_not_register_a_centre_resident(cast, make_api_client, resident):
    _client, bergen_api = make_api_client(cast.bergen.organisation, [Scope.SETTLEMENT_WRITE])
    assert _post(bergen_api, resident, settled_on=TODAY().isoformat()).status_code == 404


def test_date_before_the_decision_is_400_on_the_field(fana_api, resident):
    response = _post(fana_api, resident, settled_on="2000-01-01")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["settled_on"]
    assert "vedtaket om bosettingskommune" in response.json()["errors"]["settled_on"][0]


def test_sending_the_same_date_again_changes_nothing(fana_api, resident):
    day = TODAY().isoformat()
    assert _post(fana_api, resident, settled_on=day).status_code == 201
    again = _post(fana_api, resident, settled_on=day)
    assert again.status_code == 200
    assert Settlement.objects.filter(person=resident).count() == 1


def test_a_correction_needs_a_reason(fana_api, resident):
    assert _post(fana_api, resident, settled_on=TODAY().isoformat()).status_code == 201
    earlier = (TODAY() - datetime.timedelta(days=1)).isoformat()
    refused = _post(fana_api, resident, settled_on=earlier)
    assert refused.status_code == 400
    assert list(refused.json()["errors"]) == ["reason"]
    corrected = _post(fana_api, resident, settled_on=earlier, reason="Feil dato fra fagsystemet")
    assert corrected.status_code == 201
    assert corrected.json()["corrected"] is True


def test_reading_scope_alone_may_not_register(cast, make_api_client, resident):
    _client, api = make_api_client(cast.centre.organisation, [Scope.CASES_READ])
    response = _post(api, resident, settled_on=TODAY().isoformat())
    assert response.status_code == 403
    assert response.json()["detail"] == "API-klienten har ikke tilgangen settlement:write."


def test_body_must_be_json_with_a_date(fana_api, resident):
    response = fana_api.post(
        f"/api/v1/persons/{resident.pk}/settlement/", "settled_on=i dag", content_type="text/plain"
    )
    assert response.status_code == 415
    response = _post(fana_api, resident)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["settled_on"]
