"""The head of household is listed first wherever a household's members are listed.

A child is registered after the head, and "child" sorts before "head": ordering by the relation
alone put the children first.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from bosetting.cases import actions
from bosetting.cases.models import Case, Person, Relation
from bosetting.cases.queries import case_list, head_first, members_of
from bosetting.distribution import actions as distribution_actions
from bosetting.distribution.queries import accepted_undecided, proposal_cases, work_list
from bosetting.distribution.tests.helpers import approve_places, proposed, sent_proposal
from bosetting.settlement.tests.factories import match_case

from .factories import assess_completely, make_case, person_data

pytestmark = pytest.mark.django_db

HEAD = "Hovedpersonen"
# Born before the head, so that neither birth date nor relation puts the head first by accident.
CHILD_BORN = datetime.date(1980, 1, 1)


def _add_older_child(case: Case) -> Case:
    actions.add_member(
        by=None,
        case=case,
        person=person_data(given_names="Eldstebarnet", birth_date=CHILD_BORN),
        relation=Relation.CHILD,
    )
    return case


def _household() -> Case:
    return _add_older_child(make_case(given_names=HEAD))


def _first_names(persons: list[Person]) -> list[str]:
    return [person.given_names for person in persons]


def test_head_first_puts_the_head_before_an_older_child(cast: Any) -> None:
    case = _household()
    ordered = list(Person.objects.filter(case=case).order_by(*head_first()))
    assert _first_names(ordered) == [HEAD, "Eldstebarnet"]
    assert _first_names(list(members_of(case))) == [HEAD, "Eldstebarnet"]


def test_the_municipality_sees_the_head_first_when_registering_settlement(
    cast: Any, client_for: Any
) -> None:
    matched = match_case(_household(), municipality=cast.bergen)
    client = client_for(cast.bergen_caseworker)
    for url in (
        reverse("settlement:pending"),
        reverse("settlement:register_case", args=[matched.pk]),
    ):
        html = client.get(url).content.decode()
        assert html.index(HEAD) < html.index("Eldstebarnet"), url


def test_lists_of_cases_prefetch_the_head_first(cast: Any) -> None:
    approve_places(cast.bergen)
    waiting = _household()
    assess_completely(waiting)
    actions.mark_ready(by=None, case=waiting)
    [listed] = case_list(cast.imdi_caseworker)
    assert _first_names(listed.member_list) == [HEAD, "Eldstebarnet"]
    [ready] = work_list()
    assert _first_names(ready.member_list) == [HEAD, "Eldstebarnet"]
    proposal = sent_proposal(cast, [waiting])
    [item] = proposal_cases(proposal)
    assert _first_names(item.case.member_list) == [HEAD, "Eldstebarnet"]
    distribution_actions.answer_case(
        by=cast.bergen_caseworker, proposed_case=proposed(proposal, waiting), accept=True
    )
    [accepted] = accepted_undecided()
    assert _first_names(accepted.case.member_list) == [HEAD, "Eldstebarnet"]
