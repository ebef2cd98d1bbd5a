"""The administrator's page: national numbers, «Hva om», saving a version, the pre-fill."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from bosetting.audit.models import AuditEvent, EventType
from bosetting.organisations.models import Municipality
from bosetting.planning.models import SettlementRequest
from bosetting.requestformula.models import Formula, NationalNumbers

from .helpers import whole_country

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year + 1
PAGE = reverse("requestformula:proposal") + f"?aar={YEAR}"
WEIGHTS = {
    "aar": YEAR,
    "population_weight": 60,
    "settled_recently_weight": 25,
    "fulfilment_weight": 15,
    "minimum_request": 10,
    "maximum_per_thousand": "10,0",
    "note": "",
}
# The page's queries, the same for 3 municipalities as for 357: session, user, roles and
# organisation; the formula, the national numbers, the population year, the municipalities,
# the settlements, last year's requests, the drafts' cover text; the unread notifications.
PAGE_QUERIES = 12


@pytest.fixture
def country(cast):
    whole_country()
    NationalNumbers.objects.create(
        year=YEAR, places=18_900, unaccompanied_minors=1_200, updated_by=cast.imdi_admin
    )
    return cast


def _map_titles(html: str) -> dict[str, str]:
    svg = re.search(r'<svg[^>]*class="choropleth".*?</svg>', html, re.S)
    assert svg is not None
    return {
        number: unescape(title)
        for number, title in re.findall(
            r'<path d="[^"]*" fill="[^"]*" data-kommune="(\d{4})"[^>]*><title>([^<]*)</title>',
            svg.group(0),
        )
    }


def test_the_page_shows_the_proposal_with_a_map_titled_with_every_municipality(
    country, client_for, django_assert_num_queries
):
    client = client_for(country.imdi_admin)
    with django_assert_num_queries(PAGE_QUERIES):
        response = client.get(PAGE)
    html = response.content.decode()
    titles = _map_titles(html)
    names = dict(Municipality.objects.values_list("number", "name"))
    assert len(names) == 357
    assert set(titles) == set(names)
    for number, name in names.items():
        assert titles[number].startswith(f"{name}: ")
    assert "Folketall: 12,9\N{NO-BREAK SPACE}% av landet" in html  # Oslo
    assert "Forslag med formel versjon 1" in html


def test_what_if_shows_the_effect_without_saving(country, client_for):
    client = client_for(country.imdi_admin)
    response = client.post(
        PAGE, {**WEIGHTS, "population_weight": 100, "handling": "vis"}, HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="virkning",
    )  # fmt: skip
    html = response.content.decode()
    assert not html.lstrip().startswith("<!DOCTYPE")  # the part htmx swaps
    assert "Virkning av endringen (ikke lagret)" in html
    assert "Endring fra lagret formel" in html
    assert Formula.objects.count() == 1


def test_what_if_works_without_javascript(country, client_for):
    response = client_for(country.imdi_admin).post(
        PAGE, {**WEIGHTS, "fulfilment_weight": 40, "handling": "vis"}
    )
    assert "<!DOCTYPE" in response.content.decode()[:50]
    assert "Virkning av endringen (ikke lagret)" in response.content.decode()


def test_save_makes_a_new_version_with_its_event(country, client_for):
    response = client_for(country.imdi_admin).post(
        PAGE,
        {**WEIGHTS, "population_weight": 70, "note": "Mer vekt på folketall", "handling": "lagre"},
    )
    assert response.status_code == 302
    formula = Formula.objects.get(version=2)
    assert formula.population_weight == 70
    event = AuditEvent.objects.get(event_type=EventType.REQUEST_FORMULA_SAVED)
    assert event.details["note"] == "Mer vekt på folketall"


def test_all_weights_zero_is_refused_next_to_the_field(country, client_for):
    response = client_for(country.imdi_admin).post(
        PAGE,
        {
            **WEIGHTS,
            "population_weight": 0,
            "settled_recently_weight": 0,
            "fulfilment_weight": 0,
            "handling": "lagre",
        },
    )
    assert response.status_code == 200
    assert "Minst én av vektene må være større enn 0." in response.content.decode()
    assert Formula.objects.count() == 1


def test_national_numbers_are_saved_with_an_event(cast, client_for):
    whole_country()
    response = client_for(cast.imdi_admin).post(
        reverse("requestformula:national_numbers"),
        {"aar": YEAR, "places": 12_000, "unaccompanied_minors": 800},
    )
    assert response.status_code == 302
    assert NationalNumbers.objects.get(year=YEAR).places == 12_000
    assert AuditEvent.objects.filter(event_type=EventType.NATIONAL_NUMBERS_SAVED).exists()


def test_more_minors_than_places_is_refused(cast, client_for):
    response = client_for(cast.imdi_admin).post(
        reverse("requestformula:national_numbers"),
        {"aar": YEAR, "places": 10, "unaccompanied_minors": 11},
    )
    assert "Kan ikke være flere enn plassene (10)." in response.content.decode()
    assert not NationalNumbers.objects.exists()


def test_prefill_makes_drafts_that_keep_the_formulas_numbers(country, client_for):
    response = client_for(country.imdi_admin).post(
        reverse("requestformula:prefill"),
        {"aar": YEAR, "deadline": f"01.03.{YEAR}", "cover_text": "Vi ber om bosetting."},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("planning:prepare") + f"?aar={YEAR}"
    drafts = SettlementRequest.objects.filter(year=YEAR, state=SettlementRequest.State.DRAFT)
    assert drafts.count() == 357
    assert sum(d.places for d in drafts) == 18_900
    assert all(d.formula_places == d.places and d.formula_version == 1 for d in drafts)


def test_the_proposal_downloads_as_pdf_with_its_map(country, client_for):
    response = client_for(country.imdi_admin).get(
        reverse("requestformula:proposal_pdf") + f"?aar={YEAR}"
    )
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_only_imdis_administrator_may_use_the_formula(country, client_for):
    assert client_for(country.imdi_caseworker).get(PAGE).status_code == 403
