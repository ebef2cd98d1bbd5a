"""IMDi's work list shows what a household needs to be placed (size, minors, waiting days,
wished municipalities, special needs), sorts by it, keeps the sort in the page links, and costs
the same queries for few and many households."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from bosetting.cases import actions as case_actions
from bosetting.cases.actions import HealthInput
from bosetting.cases.models import Case, Person, Relation
from bosetting.cases.tests.factories import COMPLETE_ADULT, make_case

from ..queries import eighteen_years_before

pytestmark = pytest.mark.django_db

URL = reverse("distribution:work_list")
TODAY = timezone.localdate()


def _household(
    *,
    children: int = 0,
    days_ago: int = 0,
    wishes: tuple[str, ...] = (),
    needs: tuple[str, ...] = ("none",),
    **head: Any,
) -> Case:
    """A ready household that became ready `days_ago` days ago; the head wishes `wishes`."""
    with time_machine.travel(timezone.now() - datetime.timedelta(days=days_ago), tick=False):
        case = make_case(children=children, **head)
        for person in Person.objects.filter(case=case):
            is_head = person.relation == Relation.HEAD
            data = {
                **COMPLETE_ADULT,
                "wish_municipalities": list(wishes) if is_head else [],
                "special_needs": list(needs) if is_head else ["health_follow_up"],
            }
            case_actions.save_assessment(by=None, person=person, data=data, health=HealthInput())
        return case_actions.mark_ready(by=None, case=case)


def test_each_household_shows_size_minors_waiting_wishes_and_needs(cast, client_for):
    case = _household(
        children=2,
        days_ago=12,
        wishes=("4601", "0301"),
        needs=("housing_adaptation",),
        given_names="Mariam",
    )
    # One child turns 18 today: an adult; the other (born 2015) is a minor.
    Person.objects.filter(case=case, given_names="Barn1").update(
        birth_date=eighteen_years_before(TODAY)
    )

    response = client_for(cast.imdi_caseworker).get(URL)

    [row] = response.context["rows"]
    assert (row.case, row.head.given_names, row.size, row.minors) == (case, "Mariam", 3, 1)
    assert row.waiting_days == 12
    assert row.wished_municipalities == ["Bergen", "Oslo"]
    assert row.special_needs == ["Tilrettelagt bolig", "Helsemessig oppfølging"]
    html = response.content.decode()
    assert "Bergen, Oslo" in html
    assert "Tilrettelagt bolig, Helsemessig oppfølging" in html
    assert '<td class="number">12</td>' in html


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("", ["old", "middle", "new"]),
        ("waiting_desc", ["old", "middle", "new"]),
        ("waiting_asc", ["new", "middle", "old"]),
        ("size_desc", ["middle", "new", "old"]),
        ("size_asc", ["old", "new", "middle"]),
        ("minors_desc", ["middle", "new", "old"]),
    ],
)
def test_the_list_sorts_by_waiting_size_and_minors(cast, client_for, sort, expected):
    names = {
        _household(days_ago=30).pk: "old",
        _household(children=3, days_ago=20).pk: "middle",
        _household(children=1, days_ago=10).pk: "new",
    }

    response = client_for(cast.imdi_caseworker).get(URL, {"sort": sort} if sort else {})

    assert [names[row.case.pk] for row in response.context["rows"]] == expected


def test_the_sort_and_filters_are_kept_in_the_page_links(cast, client_for):
    for days in range(26):
        _household(days_ago=days)

    html = client_for(cast.imdi_caseworker).get(URL, {"sort": "waiting_asc"}).content.decode()

    assert re.search(r'href="\?sort=waiting_asc&amp;side=2"', html)
    assert '<option value="waiting_asc" selected>' in html
    assert re.search(r'action="/fordeling/\?sort=waiting_asc"', html)


@pytest.mark.parametrize("sort", ["waiting_desc", "size_desc", "minors_desc"])
@pytest.mark.parametrize("households", [3, 20])
def test_the_work_list_costs_the_same_queries_for_few_and_many(
    cast, client_for, django_assert_num_queries, households, sort
):
    for number in range(households):
        _household(children=number % 3, wishes=("4601",), needs=("housing_adaptation",))
    client = client_for(cast.imdi_caseworker)
    client.get(URL)  # warm the session
    # The work list's pinned count (test_views.WORK_LIST_QUERIES), and one more for the names
    # of the municipalities wished for on the page.
    with django_assert_num_queries(18):
        response = client.get(URL, {"sort": sort})
    assert len(response.context["rows"]) == households
