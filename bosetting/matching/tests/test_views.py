"""IMDi's plan pages through the test client: start, progress, result, move, drafts."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from bosetting.accounts.tests import expiry
from bosetting.distribution.models import Proposal
from bosetting.distribution.tests.helpers import approve_places, ready_case

from .. import actions
from ..models import PlanRun

pytestmark = pytest.mark.django_db

START = reverse("matching:start")
YEAR = timezone.localdate().year


def solved_run(cast, cases: int = 1) -> PlanRun:
    approve_places(cast.bergen)
    approve_places(cast.oslo)
    for number in range(cases):
        ready_case(children=number % 3)
    run = actions.start_plan_run(
        by=cast.imdi_caseworker, year=YEAR, filters={}, weights={}, time_limit=10
    )
    actions.solve_plan_run(run.pk)
    run.refresh_from_db()
    return run


def form_data(**changes):
    data = {
        "year": YEAR,
        "network": 60,
        "wish": 30,
        "waiting": 20,
        "spread": 20,
        "needs": 40,
        "integration": 20,
        "time_limit": 30,
    }
    return data | changes


def test_the_work_list_links_to_the_plans(cast, client_for):
    page = client_for(cast.imdi_caseworker).get(reverse("distribution:work_list"))
    assert START in page.content.decode()
    assert "Lag fordelingsforslag" in page.content.decode()


def test_imdi_starts_a_run_and_follows_its_progress(cast, client_for):
    approve_places(cast.bergen)
    ready_case()
    client = client_for(cast.imdi_caseworker)
    assert client.get(START).status_code == 200

    response = client.post(START, form_data(network=75))

    run = PlanRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("matching:run", args=[run.pk])
    assert run.weights["network"] == 75.0
    assert run.created_by == cast.imdi_caseworker
    page = client.get(response["Location"]).content.decode()
    assert 'hx-trigger="every 2s"' in page
    assert "Forslaget venter på å bli beregnet." in page
    partial = client.get(
        response["Location"], headers={"HX-Request": "true", "HX-Target": "plan-progress"}
    )
    assert "<html" not in partial.content.decode()
    assert 'hx-trigger="every 2s"' in partial.content.decode()

    actions.solve_plan_run(run.pk)

    done = client.get(
        response["Location"], headers={"HX-Request": "true", "HX-Target": "plan-progress"}
    )
    assert done.headers["HX-Refresh"] == "true"


def test_an_empty_selection_is_refused_and_nothing_is_saved(cast, client_for):
    approve_places(cast.bergen)
    ready_case()

    response = client_for(cast.imdi_caseworker).post(START, form_data(household_size=9))

    assert response.status_code == 200
    assert "Utvalget har ingen saker som er klare for bosetting." in response.content.decode()
    assert not PlanRun.objects.exists()


def test_a_weight_out_of_range_is_refused(cast, client_for):
    approve_places(cast.bergen)
    ready_case()

    response = client_for(cast.imdi_caseworker).post(START, form_data(wish=150))

    assert response.status_code == 200
    assert "Vekt: ønske" in response.content.decode()
    assert not PlanRun.objects.exists()


def test_the_result_shows_municipalities_map_cases_and_explanations(cast, client_for):
    run = solved_run(cast, 2)

    page = client_for(cast.imdi_caseworker).get(reverse("matching:run", args=[run.pk]))

    body = page.content.decode()
    assert page.status_code == 200
    assert "hx-trigger" not in body
    assert "4601 Bergen" in body and "0301 Oslo" in body
    assert "<svg" in body
    assert "Andel av plassene i bruk etter forslaget" in body
    assert "2 av 2 saker" in body
    for assignment in run.assignments.all():
        assert assignment.explanation["text"] in body
        assert reverse("matching:move", args=[assignment.pk]) in body
    assert run.snapshot_hash in body
    assert "Lag utkast til forespørsler" in body
    assert "Hvem forslaget plasserer" in body
    assert "Andel av plassene i bruk etter forslaget, per fylke" in body


@pytest.mark.parametrize("cases", [1, 5])
def test_the_result_page_asks_the_same_queries_however_many_cases(
    cast, client_for, django_assert_num_queries, cases
):
    run = solved_run(cast, cases)
    client = client_for(cast.imdi_caseworker)
    url = reverse("matching:run", args=[run.pk])

    with django_assert_num_queries(RESULT_QUERIES):
        page = client.get(url)

    assert page.content.decode().count("Flytt sak ") == cases


RESULT_QUERIES = 10


def test_a_failed_run_says_why(cast, client_for):
    approve_places(cast.bergen)
    ready_case()
    run = actions.start_plan_run(
        by=cast.imdi_caseworker, year=YEAR, filters={}, weights={}, time_limit=10
    )
    PlanRun.objects.filter(pk=run.pk).update(weights={"network": 500})
    actions.solve_plan_run(run.pk)

    page = client_for(cast.imdi_caseworker).get(reverse("matching:run", args=[run.pk]))

    assert "Forslaget kunne ikke beregnes" in page.content.decode()


def test_a_move_needs_a_reason_and_then_is_saved(cast, client_for):
    run = solved_run(cast)
    assignment = run.assignments.get()
    other = cast.oslo if assignment.municipality == cast.bergen else cast.bergen
    client = client_for(cast.imdi_caseworker)
    url = reverse("matching:move", args=[assignment.pk])
    assert client.get(url).status_code == 200

    refused = client.post(url, {"municipality": other.number, "reason": ""})

    assert refused.status_code == 200
    assert "Skriv hvorfor saken flyttes." in refused.content.decode()
    assignment.refresh_from_db()
    assert assignment.moved_at is None

    moved = client.post(url, {"municipality": other.number, "reason": "Har jobb der"})

    assert moved.status_code == 302
    assignment.refresh_from_db()
    assert assignment.municipality == other
    page = client.get(reverse("matching:run", args=[run.pk])).content.decode()
    assert "Har jobb der" in page


def test_a_move_that_breaks_a_rule_is_shown_with_its_reason(cast, client_for):
    approve_places(cast.bergen, places=20)
    approve_places(cast.oslo, places=1)
    ready_case(children=1)
    run = actions.start_plan_run(
        by=cast.imdi_caseworker, year=YEAR, filters={}, weights={}, time_limit=10
    )
    actions.solve_plan_run(run.pk)
    assignment = run.assignments.get()
    assert assignment.municipality == cast.bergen

    response = client_for(cast.imdi_caseworker).post(
        reverse("matching:move", args=[assignment.pk]),
        {"municipality": "0301", "reason": "Prøver Oslo"},
    )

    assert response.status_code == 200
    assert "Oslo har ikke plass" in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.moved_at is None


def test_draft_proposals_are_made_and_nothing_is_sent(cast, client_for):
    run = solved_run(cast, 2)

    response = client_for(cast.imdi_caseworker).post(
        reverse("matching:make_proposals", args=[run.pk])
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("distribution:work_list")
    assert Proposal.objects.exists()
    assert not Proposal.objects.exclude(state=Proposal.State.DRAFT).exists()


@pytest.mark.parametrize("who", ["bergen_caseworker", "bergen_admin", "reception_staff"])
def test_municipal_and_reception_users_never_see_a_plan(cast, client_for, who):
    run = solved_run(cast)
    client = client_for(getattr(cast, who))

    assert client.get(START).status_code == 403
    assert client.get(reverse("matching:run", args=[run.pk])).status_code == 403


def test_the_form_takes_in_a_municipality_without_agreement(cast, client_for):
    approve_places(cast.stord, places=5, takes_minors=False)
    ready_case(centre=cast.centre)

    response = client_for(cast.imdi_caseworker).post(
        START, form_data(include=[cast.stord.pk], centre=cast.centre.pk)
    )

    assert response.status_code == 302
    run = PlanRun.objects.get()
    assert run.included == ["4614"]
    assert run.filters == {"centre": cast.centre.pk}
    actions.solve_plan_run(run.pk)
    assert run.assignments.get().municipality == cast.stord


def test_a_move_reason_typed_as_the_session_expired_is_there_after_login(
    cast, client_for, time_machine
):
    run = solved_run(cast)
    assignment = run.assignments.first()
    page = reverse("matching:move", args=[assignment.pk])
    time_machine.move_to(expiry.START, tick=False)
    client = client_for(cast.imdi_caseworker)
    client.get(page)
    time_machine.shift(expiry.PAST_IDLE_LIMIT)
    reason = "Familien har nettverk i kommunen, sier mottaket."

    response = client.post(page, {"municipality": "", "reason": reason})

    assert response.status_code == 302
    assert expiry.next_of(response["Location"]) == page
    assignment.refresh_from_db()
    assert assignment.move_reason == ""
    landed = expiry.log_in_again(client, cast.imdi_caseworker, next_url=page)
    assert reason in client.get(landed).content.decode()


@pytest.mark.parametrize("cases", [1, 5])
def test_the_move_page_asks_the_same_queries_however_many_cases(
    cast, client_for, django_assert_num_queries, cases
):
    run = solved_run(cast, cases)
    assignment = run.assignments.order_by("pk").first()
    client = client_for(cast.imdi_caseworker)
    url = reverse("matching:move", args=[assignment.pk])
    client.get(url)  # fills the cached municipality names

    with django_assert_num_queries(MOVE_QUERIES):
        page = client.get(url)

    placed = run.assignments.filter(municipality=cast.bergen)
    free = 20 - sum(placed.values_list("persons", flat=True))
    assert f"Bergen ({free} ledige etter forslaget)" in page.content.decode()


MOVE_QUERIES = 7
