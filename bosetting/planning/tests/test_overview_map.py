"""The year overview's map: decided against requested, per municipality."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from .factories import MunicipalDecisionFactory, SettlementRequestFactory

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


def test_the_overview_maps_the_decision_as_a_share_of_the_request(cast, client_for):
    MunicipalDecisionFactory(
        request__municipality=cast.bergen, request__year=YEAR, request__places=20, places=10
    )
    SettlementRequestFactory(municipality=cast.oslo, year=YEAR, places=30)
    html = (
        client_for(cast.imdi_caseworker)
        .get(reverse("planning:overview") + f"?aar={YEAR}")
        .content.decode()
    )
    assert (
        'data-kommune="4601" data-klasse="1"><title>Bergen: 50\N{NO-BREAK SPACE}%</title>' in html
    )
    assert "<title>Oslo: ingen data</title>" in html
    assert "Vedtatt som andel av anmodet" in html


def test_a_county_filter_draws_the_county(cast, client_for):
    html = (
        client_for(cast.imdi_caseworker)
        .get(reverse("planning:overview") + f"?aar={YEAR}&fylke=46")
        .content.decode()
    )
    assert 'data-kommune="4601"' in html
    assert 'data-kommune="0301"' not in html
