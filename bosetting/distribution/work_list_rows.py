"""What IMDi's work list shows of each ready household, read from the members already prefetched
(distribution.queries.work_list) and one query for the names of the municipalities wished for."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from bosetting.cases.assessment import SpecialNeed, special_need_labels
from bosetting.cases.models import Case, Person, Relation
from bosetting.organisations.models import Municipality

from .queries import eighteen_years_before


@dataclass(frozen=True)
class WorkListRow:
    case: Case
    head: Person | None
    size: int
    minors: int  # under 18 today, whatever their category
    waiting_days: int  # since the case became ready
    wished_municipalities: list[str]  # every member's wishes, the head's first
    special_needs: list[str]  # every member's, each once


def _data(person: Person) -> dict[str, Any]:
    assessment = person.current_assessment
    return assessment.data if assessment is not None else {}


def _once(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def work_list_rows(cases: Iterable[Case], *, today: datetime.date) -> list[WorkListRow]:
    cases = list(cases)
    members: dict[int, list[Person]] = {
        case.pk: case.member_list  # type: ignore[attr-defined]
        for case in cases
    }
    wishes = {
        case.pk: _once(
            number
            for person in members[case.pk]
            for number in _data(person).get("wish_municipalities") or []
        )
        for case in cases
    }
    numbers = {number for wished in wishes.values() for number in wished}
    names = dict(Municipality.objects.filter(number__in=numbers).values_list("number", "name"))
    under_18_after = eighteen_years_before(today)
    return [
        WorkListRow(
            case=case,
            head=next((p for p in members[case.pk] if p.relation == Relation.HEAD), None),
            size=len(members[case.pk]),
            minors=sum(1 for p in members[case.pk] if p.birth_date > under_18_after),
            waiting_days=(today - timezone.localdate(case.state_changed_at)).days,
            wished_municipalities=[names.get(number, number) for number in wishes[case.pk]],
            special_needs=special_need_labels(
                _once(
                    code
                    for person in members[case.pk]
                    for code in _data(person).get("special_needs") or []
                    if code != SpecialNeed.NONE
                )
            ),
        )
        for case in cases
    ]
