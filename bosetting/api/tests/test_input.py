"""What a client sends that the API cannot use: empty or invalid filters and pages are 400 in the
error shape, and a URL no endpoint takes (an id that is not a number) is a JSON 404."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from bosetting.api.pagination import MAX_PAGE_SIZE
from bosetting.api.scopes import Scope
from bosetting.cases.tests.factories import make_case
from bosetting.organisations.counties import county_numbers

pytestmark = pytest.mark.django_db

CASES, MUNICIPALITIES = "/api/v1/cases/", "/api/v1/municipalities/"
LISTS = [CASES, MUNICIPALITIES]
EMPTY = "Verdien kan ikke være tom. Utelat parameteren for ikke å filtrere."
NOT_POSITIVE = "Skriv et helt tall fra og med 1."
INVALID = {"detail": "Forespørselen har ugyldige verdier."}
NOT_FOUND = {"detail": "Fant ikke det du spurte etter.", "errors": {}}

# Every filter of every list, with values it refuses and the message (or its start) it gives.
INVALID_FILTERS = [
    (CASES, "state", "", EMPTY),
    (CASES, "state", " ", EMPTY),
    (CASES, "state", "klar", "«klar» er ingen status. Gyldige verdier: being_assessed, ready,"),
    (CASES, "state", "READY", "«READY» er ingen status."),
    (CASES, "updated_since", "", EMPTY),
    (CASES, "updated_since", "i går", "Skriv tidspunktet som ISO 8601"),
    (CASES, "updated_since", "2026-13-01T00:00:00", "Skriv tidspunktet som ISO 8601"),
    (MUNICIPALITIES, "year", "", EMPTY),
    (MUNICIPALITIES, "year", "i år", "Skriv året med fire sifre, for eksempel 2026."),
    (MUNICIPALITIES, "year", "2025.0", "Skriv året med fire sifre"),
    (MUNICIPALITIES, "year", " 2025", "Skriv året med fire sifre"),
    (MUNICIPALITIES, "year", "1999", "Året må være fra og med 2000 til og med 2100."),
    (MUNICIPALITIES, "year", "2101", "Året må være fra og med 2000 til og med 2100."),
    (MUNICIPALITIES, "county", "", EMPTY),
    (MUNICIPALITIES, "county", "4", "Det finnes ikke noe fylke med nummer «4»."),
    (MUNICIPALITIES, "county", "046", "Det finnes ikke noe fylke med nummer «046»."),
    (MUNICIPALITIES, "county", "99", "Det finnes ikke noe fylke med nummer «99»."),
    (MUNICIPALITIES, "county", "12", "Det finnes ikke noe fylke med nummer «12»."),  # before 2024
]
INVALID_PAGES = [
    ("page", "", EMPTY),
    ("page", "0", NOT_POSITIVE),
    ("page", "-1", NOT_POSITIVE),
    ("page", "abc", NOT_POSITIVE),
    ("page", "1.5", NOT_POSITIVE),
    ("page", "last", NOT_POSITIVE),
    ("page", "\u0661", NOT_POSITIVE),  # an Arabic-Indic one: a digit to Python, not to a client
    ("page_size", "", EMPTY),
    ("page_size", "0", NOT_POSITIVE),
    ("page_size", "-5", NOT_POSITIVE),
    ("page_size", "ti", NOT_POSITIVE),
    ("page_size", str(MAX_PAGE_SIZE + 1), f"Høyst {MAX_PAGE_SIZE} per side."),
    ("page_size", "1000", f"Høyst {MAX_PAGE_SIZE} per side."),
    ("page_size", "9" * 40, f"Høyst {MAX_PAGE_SIZE} per side."),
]


@pytest.fixture
def api(cast: Any, make_api_client: Any) -> Client:
    return make_api_client(cast.imdi, [Scope.CASES_READ, Scope.FIGURES_READ])[1]


def _refused(response: Any, parameter: str, message: str) -> None:
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["detail"] == INVALID["detail"]
    assert list(body["errors"]) == [parameter]
    (found,) = body["errors"][parameter]
    assert found.startswith(message), found


@pytest.mark.parametrize(
    ("url", "parameter", "value", "message"),
    INVALID_FILTERS,
    ids=[f"{url.split('/')[3]}-{p}-{v!r}" for url, p, v, _m in INVALID_FILTERS],
)
def test_an_empty_or_invalid_filter_is_400_naming_it(
    api: Client, url: str, parameter: str, value: str, message: str
) -> None:
    _refused(api.get(url, {parameter: value}), parameter, message)


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize(
    ("parameter", "value", "message"),
    INVALID_PAGES,
    ids=[f"{p}-{v[:6]!r}" for p, v, _m in INVALID_PAGES],
)
def test_an_empty_or_invalid_page_or_page_size_is_400_on_every_list(
    api: Client, url: str, parameter: str, value: str, message: str
) -> None:
    _refused(api.get(url, {parameter: value}), parameter, message)


@pytest.mark.parametrize(
    ("url", "parameter", "value"),
    [
        (CASES, "state", "ready"),
        (CASES, "updated_since", "2026-01-01T00:00:00+01:00"),
        (MUNICIPALITIES, "year", "2025"),
        (MUNICIPALITIES, "county", "46"),
        (CASES, "page_size", "1"),
        (MUNICIPALITIES, "page_size", "1"),
    ],
)
def test_a_filter_given_twice_is_400(api: Client, url: str, parameter: str, value: str) -> None:
    _refused(api.get(f"{url}?{parameter}={value}&{parameter}={value}"), parameter, "Oppgi")


@pytest.mark.parametrize(
    ("url", "query"),
    [
        (CASES, "state=being_assessed"),
        (CASES, "updated_since=2026-01-01T00:00:00%2B01:00"),
        (CASES, "updated_since=2026-01-01T00:00:00"),  # Oslo time when none is given
        (MUNICIPALITIES, "year=2025"),
        (MUNICIPALITIES, "county=46"),
        (CASES, f"page_size={MAX_PAGE_SIZE}"),
        (MUNICIPALITIES, "page_size=1&page=1"),
        (CASES, "page=01"),
    ],
)
def test_valid_filters_and_pages_answer_200(cast: Any, api: Client, url: str, query: str) -> None:
    make_case(centre=cast.centre)
    response = api.get(f"{url}?{query}")
    assert response.status_code == 200, response.content
    assert "results" in response.json()


def test_the_page_size_is_at_most_the_maximum_and_the_pages_follow(cast: Any, api: Client) -> None:
    cases = [make_case(centre=cast.centre) for _ in range(3)]
    first = api.get(CASES, {"page_size": 2}).json()
    assert [row["id"] for row in first["results"]] == [cases[0].pk, cases[1].pk]
    assert first["next"].endswith("page=2&page_size=2")
    assert [row["id"] for row in api.get(first["next"]).json()["results"]] == [cases[2].pk]


# Not named `page`: that is pytest-playwright's fixture, and a test asking for it is grouped with
# the browser tests, which then run in the middle of the suite and leave their event loop behind.
@pytest.mark.parametrize("page_number", ["3", "9" * 40])
def test_a_page_past_the_end_is_404(cast: Any, api: Client, page_number: str) -> None:
    make_case(centre=cast.centre)
    response = api.get(CASES, {"page": page_number})
    assert response.status_code == 404
    assert response.json() == {"detail": "Siden finnes ikke.", "errors": {}}


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/cases/abc/"),
        ("get", "/api/v1/cases/1.5/"),
        ("get", "/api/v1/cases/-1/"),
        ("get", "/api/v1/cases/%20/"),
        ("get", "/api/v1/persons/%E2%80%AE1/"),
        ("get", "/api/v1/cases/" + "9" * 19 + "/"),  # past bigint: never sent to the database
        ("get", "/api/v1/cases/1/members/"),
        ("post", "/api/v1/persons/abc/settlement/"),
        ("get", "/api/v1/finnes-ikke/"),
        ("get", "/api/v1/"),
    ],
)
def test_a_url_no_endpoint_takes_is_a_json_404(api: Client, method: str, path: str) -> None:
    response = getattr(api, method)(path, content_type="application/json")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == NOT_FOUND


def test_an_id_that_does_not_exist_is_the_same_404(api: Client) -> None:
    response = api.get("/api/v1/cases/" + "9" * 18 + "/")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_a_url_without_its_final_slash_is_still_redirected(api: Client) -> None:
    response = api.get("/api/v1/cases")
    assert (response.status_code, response["Location"]) == (301, "/api/v1/cases/")


def test_the_client_screens_keep_the_sites_own_404_page(cast: Any, client_for: Any) -> None:
    response = client_for(cast.imdi_admin).get("/api/v1/klienter/abc/tilbakekall/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_the_schema_gives_every_list_its_page_size_maximum(db: Any) -> None:
    schema = Client().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for path in ("/api/v1/cases/", "/api/v1/municipalities/"):
        parameters = {p["name"]: p["schema"] for p in schema["paths"][path]["get"]["parameters"]}
        assert parameters["page_size"] == {
            "type": "integer",
            "minimum": 1,
            "maximum": MAX_PAGE_SIZE,
            "default": 50,
        }
        assert parameters["page"] == {"type": "integer", "minimum": 1}
    municipalities = schema["paths"]["/api/v1/municipalities/"]["get"]["parameters"]
    county = next(p["schema"] for p in municipalities if p["name"] == "county")
    assert county["enum"] == list(county_numbers()) and "46" in county["enum"]
