"""The start page's work queue, «Mine oppgaver»: each role's tasks, how many, nearest deadline
first, each linking to its list filtered to them; a constant query count."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from bosetting.cases import actions as case_actions
from bosetting.cases.models import Person
from bosetting.cases.tests.factories import assess_completely, make_case
from bosetting.distribution import actions as distribution_actions
from bosetting.distribution.tests.helpers import approve_places, proposed, ready_case
from bosetting.planning.models import MunicipalDecision, SettlementRequest
from bosetting.planning.tests.factories import MunicipalDecisionFactory, SettlementRequestFactory
from bosetting.reports.work_queue import WorkQueue, work_queue_for
from bosetting.settlement.actions import register_settlement
from bosetting.settlement.tests.factories import make_matched_case, open_proposal

pytestmark = pytest.mark.django_db


def _today() -> datetime.date:
    # Asked for each time: a date taken when the module was imported goes stale when the
    # suite runs across midnight in Oslo.
    return timezone.localdate()


def _days(n: int) -> datetime.date:
    return _today() + datetime.timedelta(days=n)


def _tasks(queue: WorkQueue | None) -> dict[str, Any]:
    assert queue is not None
    return {task.key: task for task in queue.tasks}


def test_a_municipal_caseworker_gets_proposals_households_and_the_request(
    cast: Any, client_for: Any
) -> None:
    later = open_proposal(municipality=cast.bergen, deadline=_days(5))
    overdue = open_proposal(municipality=cast.bergen, deadline=_days(-1))
    today = open_proposal(municipality=cast.bergen, deadline=_today())
    open_proposal(municipality=cast.oslo, deadline=_days(2))
    SettlementRequestFactory(municipality=cast.bergen, deadline=_days(20))
    tasks = _tasks(work_queue_for(cast.bergen_caseworker))
    assert list(tasks) == ["proposals", "waiting", "requests"]

    proposals = tasks["proposals"]
    assert proposals.count == 3
    assert [item.url for item in proposals.items] == [
        reverse("distribution:answer", args=[p.pk]) for p in (overdue, today, later)
    ]
    assert [(i.overdue, i.due_today) for i in proposals.items] == [
        (True, False),
        (False, True),
        (False, False),
    ]
    listed = client_for(cast.bergen_caseworker).get(proposals.link_url)
    assert list(listed.context["page"].object_list) == [overdue, today, later]

    [request_item] = tasks["requests"].items
    assert tasks["requests"].count == 1
    assert request_item.due == _days(20) and not request_item.overdue


def test_waiting_households_link_to_the_case_list_filtered_to_them(
    cast: Any, client_for: Any
) -> None:
    oldest = make_matched_case(municipality=cast.bergen, decided_on=_days(-30))
    newer = make_matched_case(municipality=cast.bergen, decided_on=_days(-3))
    settled = make_matched_case(municipality=cast.bergen, decided_on=_days(-9))
    register_settlement(by=None, persons=Person.objects.filter(case=settled), settled_on=_today())
    make_matched_case(municipality=cast.oslo)
    waiting = _tasks(work_queue_for(cast.bergen_caseworker))["waiting"]
    assert waiting.count == 2
    assert "30 dager" in waiting.summary
    assert [item.url for item in waiting.items] == [
        reverse("cases:case_detail", args=[case.pk]) for case in (oldest, newer)
    ]
    listed = client_for(cast.bergen_caseworker).get(waiting.link_url)
    assert list(listed.context["page"].object_list) == [oldest, newer]
    assert waiting.extra_url == reverse("settlement:pending")


def test_the_request_task_counts_only_requests_without_an_approved_decision(cast: Any) -> None:
    MunicipalDecisionFactory(request__municipality=cast.bergen)
    SettlementRequestFactory(
        municipality=cast.bergen, year=_today().year + 1, state=SettlementRequest.State.DRAFT
    )
    assert _tasks(work_queue_for(cast.bergen_caseworker))["requests"].count == 0


def test_imdi_gets_yes_answers_ready_cases_drafts_and_decisions_to_acknowledge(
    cast: Any,
) -> None:
    approve_places(cast.bergen)
    accepted, waiting = ready_case(), ready_case()
    proposal = distribution_actions.create_proposal(
        by=cast.imdi_caseworker, municipality=cast.bergen, cases=[accepted], deadline=_days(7)
    )
    distribution_actions.create_proposal(
        by=cast.imdi_caseworker, municipality=cast.oslo, cases=[ready_case()], deadline=_days(7)
    )
    distribution_actions.send_proposal(
        by=cast.imdi_caseworker, proposal=proposal, confirm_over_capacity=True
    )
    distribution_actions.answer_case(
        by=cast.bergen_caseworker, proposed_case=proposed(proposal, accepted), accept=True
    )
    tasks = _tasks(work_queue_for(cast.imdi_caseworker))
    assert list(tasks) == ["decisions", "ready", "drafts", "acknowledge"]
    assert tasks["decisions"].count == 1
    assert tasks["decisions"].link_url == reverse("distribution:decide")
    assert tasks["ready"].count == 1 and waiting.reference
    assert tasks["drafts"].count == 1
    # approve_places made Bergen's decision, approved and not yet acknowledged.
    assert (
        tasks["acknowledge"].count
        == MunicipalDecision.objects.filter(state=MunicipalDecision.State.APPROVED).count()
    )
    assert tasks["acknowledge"].count == 1


def test_reception_staff_get_assessments_and_moving_out(cast: Any, client_for: Any) -> None:
    assessing = make_case(centre=cast.centre)
    ready = make_case(centre=cast.centre)
    assess_completely(ready)
    case_actions.mark_ready(by=None, case=ready)
    moving = make_matched_case(municipality=cast.bergen, centre=cast.centre)
    make_case()  # lives privately: not the centre's
    tasks = _tasks(work_queue_for(cast.reception_staff))
    assert list(tasks) == ["assessing", "moving_out"]
    assert tasks["assessing"].count == 1
    listed = client_for(cast.reception_staff).get(tasks["assessing"].link_url)
    assert list(listed.context["page"].object_list) == [assessing]
    assert tasks["moving_out"].count == 1
    assert tasks["moving_out"].items[0].url == reverse("settlement:register_case", args=[moving.pk])


@pytest.mark.parametrize("persona", ["imdi_reader", "bergen_reader", "bergen_admin", "stord_admin"])
def test_those_who_do_no_casework_get_no_work_queue(cast: Any, persona: str) -> None:
    assert work_queue_for(getattr(cast, persona)) is None


def test_the_start_page_shows_mine_oppgaver_above_the_figures(cast: Any, client_for: Any) -> None:
    open_proposal(municipality=cast.bergen, deadline=_days(-2))
    html = client_for(cast.bergen_caseworker).get(reverse("home")).content.decode()
    assert html.index("Mine oppgaver") < html.index("Plasser i")
    assert "Fristen er ute" in html
    assert 'id="oppgave-proposals"' in html and 'id="oppgave-waiting"' in html
    # The dashboard's own proposals and households sections are in the queue instead.
    assert "Åpne forespørsler" not in html
    reader = client_for(cast.bergen_reader).get(reverse("home")).content.decode()
    assert "Mine oppgaver" not in reader and "Åpne forespørsler" in reader


# The IMDi start page (test_dashboards.py: 13 for a reader) and its four tasks: yes answers
# counted and listed, ready cases counted, drafts counted and listed, decisions to acknowledge
# counted and listed. The same for 1 household of each kind as for 4.
QUERIES_IMDI_HOME = 17


@pytest.mark.parametrize("households", [1, 4])
def test_the_imdi_start_page_costs_the_same_queries_for_1_and_4_of_each(
    cast: Any, client_for: Any, django_assert_num_queries: Any, households: int
) -> None:
    approve_places(cast.bergen)
    for _ in range(households):
        accepted = ready_case()
        proposal = distribution_actions.create_proposal(
            by=cast.imdi_caseworker, municipality=cast.bergen, cases=[accepted], deadline=_days(7)
        )
        distribution_actions.send_proposal(
            by=cast.imdi_caseworker, proposal=proposal, confirm_over_capacity=True
        )
        distribution_actions.answer_case(
            by=cast.bergen_caseworker, proposed_case=proposed(proposal, accepted), accept=True
        )
        distribution_actions.create_proposal(
            by=cast.imdi_caseworker, municipality=cast.oslo, cases=[ready_case()], deadline=_days(7)
        )
        ready_case()
        MunicipalDecisionFactory()  # another municipality, approved, not acknowledged
    client = client_for(cast.imdi_caseworker)
    with django_assert_num_queries(QUERIES_IMDI_HOME):
        response = client.get(reverse("home"))
    assert "Mine oppgaver" in response.content.decode()
