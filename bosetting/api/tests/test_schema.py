"""The OpenAPI schema is valid and the API keeps it: Schemathesis sends generated requests to every
operation through the WSGI app, with a real token and real data, and checks every response."""

from collections import Counter

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from schemathesis.core.result import Ok

from bosetting.api.scopes import Scope
from bosetting.cases.tests.factories import make_case
from bosetting.planning.tests.factories import MunicipalDecisionFactory
from bosetting.settlement.tests.factories import make_matched_case


def test_schema_generates_without_warnings(tmp_path):
    # --fail-on-warn turns every drf-spectacular warning (an unresolved type, a guessed
    # parameter) into a failure, and --validate checks the result against the OpenAPI 3 spec.
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml")
    )
    assert "/api/v1/cases/{id}/" in (tmp_path / "schema.yaml").read_text()


def test_schema_and_docs_are_served_from_our_own_static_files(db):
    schema = Client().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert schema.json()["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    docs = Client().get("/api/v1/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()


def _generated_requests(operation, headers, statuses):
    @settings(
        max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(case=operation.as_strategy())
    def check(case):
        response = case.call_and_validate(headers=headers)
        statuses[(operation.path, response.status_code)] += 1

    check()


@pytest.fixture
def connection_kept_between_requests():
    """Schemathesis calls the WSGI app directly, so Django's request signals would close the
    database connection after each call, and with it the test's transaction (PostgreSQL). Django's
    own test client disconnects the same handler for the same reason."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@pytest.mark.usefixtures("connection_kept_between_requests")
def test_every_response_matches_the_schema(cast, make_api_client):
    client, api = make_api_client(cast.imdi, [Scope.CASES_READ, Scope.FIGURES_READ])
    _centre_client, centre_api = make_api_client(cast.centre.organisation, [Scope.SETTLEMENT_WRITE])
    cases = [make_case(centre=cast.centre, children=1) for _ in range(3)]
    resident = make_matched_case(municipality=cast.bergen, centre=cast.centre).members.get()
    MunicipalDecisionFactory(
        request__municipality=cast.bergen, request__year=timezone.localdate().year
    )
    imdi_headers = {"Authorization": f"Bearer {api.token}"}
    # Registering settlement is a reception centre's (or municipality's) scope, never IMDi's.
    centre_headers = {"Authorization": f"Bearer {centre_api.token}"}
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
    statuses: Counter[tuple[str, int]] = Counter()
    operations = [result.ok() for result in schema.get_all_operations() if isinstance(result, Ok)]
    assert {operation.path for operation in operations} == {
        "/api/v1/cases/",
        "/api/v1/cases/{id}/",
        "/api/v1/persons/{id}/",
        "/api/v1/persons/{id}/settlement/",
        "/api/v1/municipalities/",
    }
    for operation in operations:
        writes = operation.method.upper() == "POST"
        headers = centre_headers if writes else imdi_headers
        _generated_requests(operation, headers, statuses)
        # Real rows as well as generated ids: the 200 answers are checked against the schema too.
        if writes:
            response = operation.Case(
                path_parameters={"id": resident.pk},
                body={"settled_on": timezone.localdate().isoformat()},
                media_type="application/json",
            ).call_and_validate(headers=headers)
            statuses[(operation.path, response.status_code)] += 1
        elif "{id}" in operation.path:
            pk = cases[0].pk if "cases" in operation.path else cases[0].members.first().pk
            response = operation.Case(path_parameters={"id": pk}).call_and_validate(headers=headers)
            statuses[(operation.path, response.status_code)] += 1
    # Not vacuous: every operation ran, and each answered 200 with data at least once.
    for operation in operations:
        assert statuses[(operation.path, 200)] + statuses[(operation.path, 201)] > 0, statuses
    assert sum(statuses.values()) > 5 * 10
    assert all(status < 500 for _path, status in statuses)
    client.refresh_from_db()
    assert client.last_used_at is not None
