"""Reads for settlement registration, always scoped to the persons the user may register."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet
from django.http import Http404

from bosetting.cases.models import Case, CaseState, Person
from bosetting.cases.queries import head_first

from .models import Settlement
from .rules import registrable_persons_condition


def registrable_persons(user: Any) -> QuerySet[Person]:
    """Persons in matched or settled cases whose settlement `user` may register or correct."""
    condition = registrable_persons_condition(user)
    if condition is None:
        return Person.objects.none()
    return Person.objects.filter(condition, case__state__in=[CaseState.MATCHED, CaseState.SETTLED])


def _current_settlement() -> QuerySet[Settlement]:
    return Settlement.objects.filter(person=OuterRef("pk"), is_current=True)


def awaiting_settlement(user: Any) -> QuerySet[Person]:
    return registrable_persons(user).filter(
        ~Exists(_current_settlement()), case__state=CaseState.MATCHED
    )


def cases_awaiting_settlement(user: Any) -> QuerySet[Case]:
    """Matched cases with persons the user may register, oldest decision first, with those
    persons prefetched and the decision joined: a constant number of queries for any page."""
    persons = awaiting_settlement(user)
    return (
        Case.objects.filter(pk__in=persons.values("case_id"))
        .select_related("settlement_decision", "municipality")
        .annotate(decided_on=F("settlement_decision__decided_on"))
        .prefetch_related(
            Prefetch(
                "members",
                queryset=persons.order_by(*head_first()),
                to_attr="awaiting",
            )
        )
        .order_by("decided_on", "pk")
    )


def recently_settled(user: Any, *, limit: int = 50) -> list[Settlement]:
    persons = registrable_persons(user)
    return list(
        Settlement.objects.filter(is_current=True, person__in=persons.values("pk"))
        .select_related("person", "person__case")
        .order_by("-registered_at", "-pk")[:limit]
    )


def get_case_to_register(user: Any, pk: int) -> Case:
    case = cases_awaiting_settlement(user).filter(pk=pk).first()
    if case is None:
        raise Http404
    return case


def get_person_to_correct(user: Any, pk: int) -> Person:
    person = (
        registrable_persons(user)
        .filter(pk=pk, settlements__is_current=True)
        .select_related("case", "case__settlement_decision", "case__municipality")
        .first()
    )
    if person is None:
        raise Http404
    return person


def settlement_history(person: Person) -> list[Settlement]:
    return list(
        Settlement.objects.filter(person=person).select_related("registered_by").order_by("-pk")
    )
