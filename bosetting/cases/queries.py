"""Reads of persons and cases, always starting from what the asking user may see.

`cases_visible_to` is the one place that says who reaches which case:
IMDi's caseworkers and administrators every case; reception staff the cases with a member living
at their centre who has not moved out (settled) yet; a municipality's caseworkers the cases
matched to or settled in their municipality while it has the agreement in force; everyone else
none. `members_seen_by` says which members of such a case the user sees.

A reception centre's access ends when a person moves out. In a household that is partly settled,
the centre keeps the members still living with it (it assesses them and registers their moving
out) and no longer sees those who have left, nor the documents and notes about them; what it
keeps of them is the fact that they settled, where and when (settlement.queries.moved_out).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Case as Conditional
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OrderBy,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    TextChoices,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from bosetting.accounts.permissions import Permission, scope_for
from bosetting.audit.models import AuditEvent, EventType
from bosetting.organisations.models import ReceptionCentre

from .models import AssessmentVersion, Case, CaseState, Document, Note, Person, Relation
from .validators import digits_only

# States in which the municipality has said yes and reaches the person file.
MUNICIPAL_STATES = (CaseState.MATCHED, CaseState.SETTLED)


def cases_visible_to(user: Any) -> QuerySet[Case]:
    # PERSON_FILE_VIEW is personal data: a municipality's scope needs its agreement in force.
    scope = scope_for(user, Permission.PERSON_FILE_VIEW)
    cases = Case.objects.all()
    if scope.everything:
        return cases
    if scope.reception_centre_organisation_id is not None:
        residents = Person.objects.filter(
            _NOT_MOVED_OUT,
            case=OuterRef("pk"),
            reception_centre__in=ReceptionCentre.objects.filter(
                organisation_id=scope.reception_centre_organisation_id
            ).values("pk"),
        )
        return cases.filter(Exists(residents))
    if scope.municipality_id is not None:
        return cases.filter(municipality_id=scope.municipality_id, state__in=MUNICIPAL_STATES)
    return cases.none()


# A person with a current settlement has moved out of the reception centre (settlement app, read
# by relation name: cases sits below settlement and does not import it).
_NOT_MOVED_OUT = ~Q(settlements__is_current=True)


def members_seen_by(user: Any) -> Q:
    """A filter on Person: which members of a visible case `user` sees. Reception staff no longer
    see those who have moved out; everyone else sees every member of the cases they reach."""
    if scope_for(user, Permission.PERSON_FILE_VIEW).reception_centre_organisation_id is not None:
        return _NOT_MOVED_OUT
    return Q()


def persons_visible_to(user: Any) -> QuerySet[Person]:
    if scope_for(user, Permission.PERSON_FILE_VIEW).everything:
        # Every person is in a case and IMDi sees every case: no semi-join over 100,000 cases.
        return Person.objects.filter(case__isnull=False)
    return Person.objects.filter(
        members_seen_by(user), case__in=cases_visible_to(user).values("pk")
    )


def members_visible_to(user: Any, case: Case) -> QuerySet[Person]:
    """The case's members `user` sees, head first (`members_of`)."""
    return members_of(case).filter(members_seen_by(user))


def _about_visible_members(user: Any) -> Q:
    """Documents and notes of a visible case: about the household, or about a member `user` sees."""
    seen = members_seen_by(user)
    if not seen:
        return Q()
    return Q(person__isnull=True) | Q(person__in=Person.objects.filter(seen).values("pk"))


def person_file_opens(user: Any, case: Case) -> bool:
    """Whether `case` is among `cases_visible_to(user)` for a municipality's user, decided by the
    same rule without a query, for a page that has the case in hand. False for everyone else."""
    municipality_id = scope_for(user, Permission.PERSON_FILE_VIEW).municipality_id
    return (
        municipality_id is not None
        and case.municipality_id == municipality_id
        and case.state in MUNICIPAL_STATES
    )


def get_case_for(user: Any, pk: int) -> Case:
    """The case, or 404 when it does not exist or the user may not know that it does."""
    case = cases_visible_to(user).select_related("municipality").filter(pk=pk).first()
    if case is None:
        raise Http404
    return case


def get_person_for(user: Any, pk: int) -> Person:
    person = (
        persons_visible_to(user)
        .select_related("case", "reception_centre", "current_assessment")
        .filter(pk=pk)
        .first()
    )
    if person is None:
        raise Http404
    return person


def get_document_for(user: Any, pk: int) -> Document:
    document = (
        Document.objects.filter(
            _about_visible_members(user), case__in=cases_visible_to(user).values("pk"), pk=pk
        )
        .select_related("case")
        .first()
    )
    if document is None:
        raise Http404
    return document


def head_first() -> tuple[Any, ...]:
    """The order of a household's members wherever they are listed: the head of household first,
    then the others by birth date. (Ordering by `relation` alone puts "child" before "head".)"""
    return (
        Conditional(
            When(relation=Relation.HEAD, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
        "birth_date",
        "pk",
    )


def members_of(case: Case) -> QuerySet[Person]:
    """Head of household first, then the others by birth date."""
    return (
        Person.objects.filter(case=case)
        .select_related("reception_centre", "current_assessment")
        .order_by(*head_first())
    )


class CaseSort(TextChoices):
    NEWEST = "newest", _("Saksnummer, nyeste først")
    OLDEST = "oldest", _("Saksnummer, eldste først")
    DECIDED_DESC = "decided_desc", _("Vedtaksdato, nyeste først")
    DECIDED_ASC = "decided_asc", _("Vedtaksdato, eldste først")
    SETTLED_DESC = "settled_desc", _("Bosettingsdato, nyeste først")
    SETTLED_ASC = "settled_asc", _("Bosettingsdato, eldste først")
    LARGEST = "largest", _("Husstand, flest personer først")
    SMALLEST = "smallest", _("Husstand, færrest personer først")


def _order(sort: str) -> list[OrderBy | str]:
    # Cases without the date (not yet decided or settled) go last whichever way the list runs;
    # the case number breaks ties so that paging never shows a case twice.
    decided, settled, size = F("decided_on"), F("settled_on"), F("household_size")
    orders: dict[str, list[OrderBy | str]] = {
        CaseSort.OLDEST: ["id"],
        CaseSort.DECIDED_DESC: [decided.desc(nulls_last=True), "-id"],
        CaseSort.DECIDED_ASC: [decided.asc(nulls_last=True), "id"],
        CaseSort.SETTLED_DESC: [settled.desc(nulls_last=True), "-id"],
        CaseSort.SETTLED_ASC: [settled.asc(nulls_last=True), "id"],
        CaseSort.LARGEST: [size.desc(), "-id"],
        CaseSort.SMALLEST: [size.asc(), "-id"],
    }
    return orders.get(sort, ["-id"])


def household_size() -> Coalesce:
    """The number of members of the case (an annotation on Case)."""
    members = (
        Person.objects.filter(case=OuterRef("pk"))
        .order_by()
        .values("case")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(members, output_field=IntegerField()), Value(0))


def _latest_settlement_date() -> Subquery:
    """The newest current settlement date among the case's members (settlement app), read by
    relation name: cases sits below settlement and does not import it."""
    return Subquery(
        Person.objects.filter(case=OuterRef("pk"), settlements__is_current=True)
        .order_by("-settlements__settled_on")
        .values("settlements__settled_on")[:1]
    )


def _waiting_for_settlement() -> Q:
    """Matched, with a member still without a current settlement date (settlement app)."""
    unsettled = Person.objects.filter(case=OuterRef("pk")).exclude(settlements__is_current=True)
    return Q(Exists(unsettled), state=CaseState.MATCHED)


def households_waiting_for_settlement(user: Any) -> QuerySet[Case]:
    """The visible households waiting for a settlement date, the longest waiting first, each
    with `decided_on`: the start page's work queue, and the case list's «waiting» filter."""
    return (
        cases_visible_to(user)
        .filter(_waiting_for_settlement())
        .annotate(decided_on=F("settlement_decision__decided_on"))
        .order_by(F("decided_on").asc(nulls_last=True), "id")
    )


def case_list(
    user: Any,
    *,
    state: str = "",
    category: str = "",
    centre: Any = None,
    county: Any = None,
    waiting: bool = False,
    settled_year: int | None = None,
    sort: str = "",
) -> QuerySet[Case]:
    """The visible cases with the filters applied, sorted, with the settlement decision's date and
    the latest settlement date, members prefetched: a constant query count for any page.

    `waiting`: matched households with a member still without a settlement date. `settled_year`:
    households with a member whose current settlement is in that year."""
    cases = cases_visible_to(user)
    if state:
        cases = cases.filter(state=state)
    if waiting:
        cases = cases.filter(_waiting_for_settlement())
    if settled_year is not None:
        settled = Person.objects.filter(
            case=OuterRef("pk"),
            settlements__is_current=True,
            settlements__settled_year=settled_year,
        )
        cases = cases.filter(Exists(settled))
    member_filter = Q()
    if category:
        member_filter &= Q(category=category)
    if centre is not None:
        member_filter &= Q(reception_centre=centre)
    if county is not None:
        member_filter &= Q(reception_centre__municipality__county=county)
    if member_filter:
        cases = cases.filter(Exists(Person.objects.filter(member_filter, case=OuterRef("pk"))))
    # No Count() aggregate: the paginator's COUNT would then group every case. The size is a
    # subquery, made only to sort by; the page's members are prefetched, and the length of
    # that list is the size shown. Unused annotations are left out of the paginator's COUNT.
    if sort in (CaseSort.LARGEST, CaseSort.SMALLEST):
        cases = cases.annotate(household_size=household_size())
    return (
        cases.annotate(
            decided_on=F("settlement_decision__decided_on"), settled_on=_latest_settlement_date()
        )
        .prefetch_related(
            Prefetch(
                "members",
                queryset=Person.objects.filter(members_seen_by(user))
                .select_related("reception_centre")
                .order_by(*head_first()),
                to_attr="member_list",
            )
        )
        .order_by(*_order(sort))
    )


@dataclass(frozen=True)
class SearchResult:
    kind: str  # "duf", "national_id" or "name": logged, the term itself never is
    persons: list[Person]


SEARCH_LIMIT = 50


def normalise_name(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip().casefold()


def _prefix_range(field: str, prefix: str) -> Q:
    """`field` starts with `prefix`, in a form each database answers from an index.

    PostgreSQL answers LIKE 'prefix%' from the varchar_pattern_ops index whatever the database's
    collation. SQLite's LIKE cannot use an ordinary index, but a range can: its BINARY collation
    orders by code point, so [prefix, prefix with its last character raised) is exactly the
    strings that start with prefix.
    """
    starts = Q(**{f"{field}__startswith": prefix})
    if connection.vendor == "postgresql":
        return starts
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return Q(**{f"{field}__gte": prefix, f"{field}__lt": upper}) & starts


def search_persons(user: Any, term: str) -> SearchResult:
    """Persons the user may see whose DUF number or national id is `term`, or whose name starts so."""
    persons = persons_visible_to(user).select_related("case", "reception_centre")
    compact = digits_only(term)
    if compact.isdigit() and len(compact) == 12:
        kind, persons = "duf", persons.filter(duf_number=compact)
    elif compact.isdigit() and len(compact) == 11:
        kind, persons = "national_id", persons.filter(national_id=compact)
    else:
        name = normalise_name(term)
        if not name:
            return SearchResult("name", [])
        kind = "name"
        persons = persons.filter(
            _prefix_range("family_name_key", name) | _prefix_range("given_name_key", name)
        ).order_by("family_name_key")
    return SearchResult(kind, list(persons[:SEARCH_LIMIT]))


def assessment_history(person: Person) -> QuerySet[AssessmentVersion]:
    # Health details are not loaded here: reading them is an audited action.
    return (
        AssessmentVersion.objects.filter(person=person)
        .defer("health_details")
        .select_related("saved_by")
        .order_by("-number")
    )


def notes_of(case: Case, user: Any) -> QuerySet[Note]:
    return Note.objects.filter(_about_visible_members(user), case=case).select_related("person")


def documents_of(case: Case, user: Any) -> QuerySet[Document]:
    return Document.objects.filter(_about_visible_members(user), case=case).select_related("person")


TIMELINE_LIMIT = 100


def timeline(
    case: Case, *, person_ids: list[int], document_ids: list[int], note_ids: list[int]
) -> list[AuditEvent]:
    """The case's events from the audit log: one query on the (object_type, object_id) index."""

    def about(model: str, ids: list[int]) -> Q:
        return Q(object_type=f"cases.{model}", object_id__in=[str(i) for i in ids])

    condition = Q(object_type="cases.case", object_id=str(case.pk))
    for model, ids in (("person", person_ids), ("document", document_ids), ("note", note_ids)):
        if ids:
            condition |= about(model, ids)
    # Page views would bury what happened; who opened the file is in the audit log itself.
    events = AuditEvent.objects.filter(condition).exclude(event_type=EventType.PERSON_FILE_VIEWED)
    return list(events.order_by("-id")[:TIMELINE_LIMIT])


def own_reception_centre(user: Any) -> ReceptionCentre | None:
    """The centre a reception-centre user works at; None for everyone else."""
    organisation_id = scope_for(user).reception_centre_organisation_id
    if organisation_id is None:
        return None
    return ReceptionCentre.objects.filter(organisation_id=organisation_id).first()
