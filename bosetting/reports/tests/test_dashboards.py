"""The start page's figures by role, and their constant query counts."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from bosetting.cases.models import Person
from bosetting.planning.tests.factories import MunicipalDecisionFactory
from bosetting.reports.dashboards import imdi_dashboard, municipal_dashboard, reception_dashboard
from bosetting.settlement.actions import register_settlement
from bosetting.settlement.tests.factories import make_matched_case, open_proposal

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _world(cast: Any, *, households: int = 1) -> None:
    MunicipalDecisionFactory(
        request__municipality=cast.bergen,
        request__year=TODAY.year,
        places=20,
        unaccompanied_minors=2,
    )
    for _ in range(households):
        settled = make_matched_case(municipality=cast.bergen, children=1)
        register_settlement(by=None, persons=Person.objects.filter(case=settled), settled_on=TODAY)
        make_matched_case(municipality=cast.bergen, decided_on=TODAY - datetime.timedelta(days=12))
        open_proposal(municipality=cast.bergen, deadline=TODAY + datetime.timedelta(days=3))
        open_proposal(municipality=cast.oslo, deadline=TODAY - datetime.timedelta(days=1))


def test_municipality_sees_places_decided_used_and_left(cast: Any) -> None:
    _world(cast)
    dashboard = municipal_dashboard(cast.bergen.pk)
    assert dashboard.places.decided == 20
    assert dashboard.places.settled == 2
    assert dashboard.places.awaiting == 1
    assert dashboard.places.left == 17
    assert dashboard.minors.left == 2
    assert dashboard.longest_wait_days == 12
    assert [p.case_count for p in dashboard.open_proposals] == [0]


def test_imdi_sees_the_pipeline_overdue_proposals_and_missing_decisions(cast: Any) -> None:
    _world(cast)
    dashboard = imdi_dashboard()
    assert dashboard.pipeline["matched"] == 1
    assert dashboard.settled_this_year == 2
    assert [p.municipality for p in dashboard.overdue_proposals] == [cast.oslo]
    assert dashboard.without_decision == 2  # Oslo and Stord
    assert dashboard.municipality_count == 3


def test_reception_staff_see_their_residents_by_state(cast: Any) -> None:
    make_matched_case(municipality=cast.oslo, centre=cast.centre, children=2)
    counts = dict(reception_dashboard(cast.centre.organisation_id).residents_by_state)
    assert counts["Søkt ut"] == 3


# The page's own queries (session, user, roles, agreement, menu, notifications) plus the
# dashboard's aggregates: a municipality 4 (decision, settled, awaiting, proposals), IMDi 5
# (pipeline, settled, overdue list and count, municipalities), a centre 1; the same for 1 or 4 households.
# Caseworkers have «Mine oppgaver» besides (test_work_queue.py): a municipality's 4 (proposals,
# waiting households counted and listed, requests), a centre's 4 (two tasks, counted and listed).
@pytest.mark.parametrize(
    ("persona", "queries", "text"),
    [
        ("bergen_reader", 10, "Plasser i"),
        ("bergen_caseworker", 14, "Registrer bosetting"),
        ("imdi_reader", 10, "Saker i arbeid"),
        ("reception_staff", 10, "Beboere etter status"),
    ],
)
@pytest.mark.parametrize("households", [1, 4])
def test_home_dashboards_have_constant_query_counts(
    cast: Any,
    client_for: Any,
    django_assert_num_queries: Any,
    persona: str,
    queries: int,
    text: str,
    households: int,
) -> None:
    _world(cast, households=households)
    client = client_for(getattr(cast, persona))
    with django_assert_num_queries(queries):
        response = client.get(reverse("home"))
    assert text in response.content.decode()


def test_open_proposals_link_to_the_answer_page_for_those_who_answer(cast: Any, client_for) -> None:
    proposal = open_proposal(municipality=cast.bergen, deadline=TODAY + datetime.timedelta(days=3))
    answer_url = reverse("distribution:answer", args=[proposal.pk])
    caseworker = client_for(cast.bergen_caseworker).get(reverse("home")).content.decode()
    reader = client_for(cast.bergen_reader).get(reverse("home")).content.decode()
    assert f'href="{answer_url}"' in caseworker
    assert proposal.reference in reader and f'href="{answer_url}"' not in reader
