"""The municipality's list of proposals: filter by state, sorting, paging, a pinned query count."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from bosetting.settlement.tests.factories import open_proposal

from ..models import Proposal

pytestmark = pytest.mark.django_db

LIST = reverse("distribution:proposal_list")
TODAY = timezone.localdate()


def _proposal(cast: Any, *, days: int, state: str = Proposal.State.SENT, sent_days_ago: int = 1):
    proposal = open_proposal(
        municipality=cast.bergen, deadline=TODAY + datetime.timedelta(days=days)
    )
    Proposal.objects.filter(pk=proposal.pk).update(
        state=state, sent_at=timezone.now() - datetime.timedelta(days=sent_days_ago)
    )
    return Proposal.objects.get(pk=proposal.pk)


def _listed(response: Any) -> list[Proposal]:
    return list(response.context["page"].object_list)


def test_sorted_by_deadline_sent_date_or_open_first(cast: Any, client_for: Any) -> None:
    soon = _proposal(cast, days=2, sent_days_ago=5)
    later = _proposal(cast, days=6, sent_days_ago=1)
    closed = _proposal(cast, days=-3, state=Proposal.State.ANSWERED, sent_days_ago=9)
    client = client_for(cast.bergen_caseworker)

    def order(sort: str) -> list[Proposal]:
        return _listed(client.get(LIST, {"sort": sort}))

    assert order("") == [soon, later, closed]
    assert order("deadline_desc") == [later, soon, closed]
    assert order("deadline_asc") == [closed, soon, later]
    assert order("sent_desc") == [later, soon, closed]
    assert order("sent_asc") == [closed, soon, later]


def test_filters_by_state_and_never_shows_drafts(cast: Any, client_for: Any) -> None:
    sent = _proposal(cast, days=2)
    answered = _proposal(cast, days=2, state=Proposal.State.ANSWERED)
    _proposal(cast, days=2, state=Proposal.State.DRAFT)
    client = client_for(cast.bergen_caseworker)
    assert _listed(client.get(LIST, {"state": "sent"})) == [sent]
    assert _listed(client.get(LIST, {"state": "answered"})) == [answered]
    assert set(_listed(client.get(LIST))) == {sent, answered}
    refused = client.get(LIST, {"state": "draft"})
    assert 'id="id_state_error"' in refused.content.decode()
    assert set(_listed(refused)) == {sent, answered}


def test_an_overdue_open_proposal_is_marked(cast: Any, client_for: Any) -> None:
    _proposal(cast, days=-1)
    html = client_for(cast.bergen_caseworker).get(LIST).content.decode()
    assert "Fristen er ute" in html


def test_pages_of_25_keep_the_sorting_in_the_page_links(cast: Any, client_for: Any) -> None:
    proposals = [_proposal(cast, days=day) for day in range(1, 28)]
    client = client_for(cast.bergen_caseworker)
    first = client.get(LIST, {"sort": "deadline_desc"})
    assert _listed(first) == proposals[::-1][:25]
    assert 'href="?sort=deadline_desc&amp;side=2"' in first.content.decode()
    assert _listed(client.get(LIST, {"sort": "deadline_desc", "side": 2})) == proposals[1::-1]


# Session, user, roles, organisation and agreement, the menu's notifications, the count and
# the page: the same for 3 proposals as for 30.
QUERIES_PROPOSAL_LIST = 8


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_costs_the_same_queries_for_3_and_30_proposals(
    cast: Any, client_for: Any, django_assert_num_queries: Any, count: int
) -> None:
    for day in range(count):
        _proposal(cast, days=day)
    client = client_for(cast.bergen_caseworker)
    client.get(LIST)
    with django_assert_num_queries(QUERIES_PROPOSAL_LIST):
        client.get(LIST, {"sort": "pending_desc"})
