"""A caseworker may change the formula's number; the deviation and its reason stay with the request."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from bosetting.planning.actions import send_requests
from bosetting.planning.models import SettlementRequest
from bosetting.requestformula.actions import prefill_requests
from bosetting.requestformula.proposal import propose

from .helpers import first_formula, populate

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year + 1


@pytest.fixture
def drafts(cast):
    populate(cast)
    proposal = propose(year=YEAR, places=500, minors=40, formula=first_formula())
    prefill_requests(
        by=cast.imdi_caseworker,
        proposal=proposal,
        deadline=timezone.localdate().replace(year=YEAR),
        cover_text="",
    )
    return {r.municipality.number: r for r in SettlementRequest.objects.filter(year=YEAR)}


def _post(cast, drafts, *, bergen_places, reason=""):
    data = {"deadline": f"01.03.{YEAR}", "cover_text": ""}
    for number, draft in drafts.items():
        data[f"places_{number}"] = draft.places
        data[f"minors_{number}"] = draft.unaccompanied_minors
        data[f"planning_{number}"] = ""
        data[f"reason_{number}"] = ""
    data["places_4601"] = bergen_places
    data["reason_4601"] = reason
    return data


def test_a_deviation_without_a_reason_is_refused_next_to_the_row(cast, client_for, drafts):
    client = client_for(cast.imdi_caseworker)
    changed = drafts["4601"].places + 30
    response = client.post(
        reverse("planning:prepare") + f"?aar={YEAR}", _post(cast, drafts, bergen_places=changed)
    )
    assert response.status_code == 200
    assert "Skriv hvorfor antallet avviker fra formelens forslag" in response.content.decode()
    assert SettlementRequest.objects.get(municipality=cast.bergen, year=YEAR).deviation == 0


def test_the_deviation_and_its_reason_are_kept_in_the_version_and_shown_to_imdi(
    cast, client_for, drafts
):
    client = client_for(cast.imdi_caseworker)
    formula_places = drafts["4601"].places
    response = client.post(
        reverse("planning:prepare") + f"?aar={YEAR}",
        _post(cast, drafts, bergen_places=formula_places + 30, reason="Nytt mottak i kommunen"),
    )
    assert response.status_code == 302
    bergen = SettlementRequest.objects.get(municipality=cast.bergen, year=YEAR)
    assert (bergen.formula_places, bergen.deviation, bergen.deviation_reason) == (
        formula_places,
        30,
        "Nytt mottak i kommunen",
    )
    send_requests(by=cast.imdi_caseworker, requests=[bergen])
    version = bergen.versions.get()
    assert (version.formula_places, version.formula_version, version.deviation_reason) == (
        formula_places,
        1,
        "Nytt mottak i kommunen",
    )
    page = client.get(reverse("planning:request_detail", kwargs={"pk": bergen.pk}))
    assert "+30: Nytt mottak i kommunen" in page.content.decode()
    municipal = client_for(cast.bergen_caseworker).get(
        reverse("planning:request_detail", kwargs={"pk": bergen.pk})
    )
    assert "Nytt mottak i kommunen" not in municipal.content.decode()
