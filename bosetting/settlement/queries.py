"""Reads for settlement registration, always scoped to the persons the user may register."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from bosetting.accounts.permissions import Permission, scope_for
from bosetting.cases.models import Case, CaseState, Person, Relation, format_case_reference
from bosetting.cases.queries import head_first, persons_visible_to

from .counting import current_settlements
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
    """The latest registrations of persons whose file `user` still opens: a reception centre's
    residents who have moved out are in `moved_out` instead, without their identity."""
    persons = registrable_persons(user).filter(pk__in=persons_visible_to(user).values("pk"))
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


def anonymous_label(*, relation: str, birth_date: datetime.date, case_id: int | None) -> str:
    """A person who has moved out, as the reception centre still sees them: their place in the
    household and birth year, as in the anonymised summary; never their name or ids."""
    return _("%(relation)s i sak %(case)s, født %(year)s") % {
        "relation": Relation(relation).label,
        "case": format_case_reference(case_id),
        "year": birth_date.year,
    }


@dataclass(frozen=True)
class MovedOut:
    person_id: int  # for the correction link; the page shows no identity
    case_reference: str
    relation: str
    birth_year: int
    person_label: str  # the two above with the case, for the link's accessible name
    municipality: str
    settled_on: datetime.date


MOVED_OUT_FIELDS = (
    "person_id",
    "person__case_id",
    "person__relation",
    "person__birth_date",
    "municipality__name",
    "settled_on",
)


def moved_out(user: Any) -> QuerySet[Settlement, dict[str, Any]]:
    """The current settlements of persons who lived at `user`'s reception centre, newest first,
    as values: all the centre keeps of them once they have moved out (cases.queries.
    members_seen_by). The persons' names and ids are never read."""
    organisation_id = scope_for(user, Permission.MOVED_OUT_VIEW).reception_centre_organisation_id
    settlements = current_settlements()
    if organisation_id is None:
        settlements = settlements.none()
    else:
        settlements = settlements.filter(person__reception_centre__organisation_id=organisation_id)
    return settlements.order_by(
        "-settled_on", "-person__case_id", "person__birth_date", "pk"
    ).values(*MOVED_OUT_FIELDS)


def moved_out_rows(rows: Iterable[dict[str, Any]]) -> list[MovedOut]:
    return [
        MovedOut(
            person_id=row["person_id"],
            case_reference=format_case_reference(row["person__case_id"]),
            relation=str(Relation(row["person__relation"]).label),
            birth_year=row["person__birth_date"].year,
            person_label=anonymous_label(
                relation=row["person__relation"],
                birth_date=row["person__birth_date"],
                case_id=row["person__case_id"],
            ),
            municipality=row["municipality__name"],
            settled_on=row["settled_on"],
        )
        for row in rows
    ]
