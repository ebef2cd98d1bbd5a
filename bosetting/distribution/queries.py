"""Reads of proposals, free places and decisions, scoped to the asking user.

IMDi's workers see every proposal; a municipality's caseworkers see their own proposals once
sent, never drafts. What a municipality sees *of a case* in a proposal is the anonymised summary
only: the person file opens through `cases_visible_to`, after yes and IMDi's decision.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    TextChoices,
    Value,
    When,
)
from django.db.models import Case as Conditional
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bosetting.accounts.permissions import Permission, scope_for
from bosetting.cases.models import Case, CaseState, Category, Person
from bosetting.cases.queries import head_first
from bosetting.cases.queries import household_size as size_of_household
from bosetting.organisations.models import Municipality
from bosetting.planning.models import MunicipalDecision
from bosetting.settlement.counting import awaiting_count, settled_count

from .models import DecisionLetter, Proposal, ProposedCase, SettlementDecision

LIVE_ANSWERS = (ProposedCase.Answer.PENDING, ProposedCase.Answer.ACCEPTED)
OPEN_STATES = (Proposal.State.DRAFT, Proposal.State.SENT)
CURRENT_DECISION_STATES = (MunicipalDecision.State.APPROVED, MunicipalDecision.State.ACKNOWLEDGED)


def proposals_visible_to(user: Any) -> QuerySet[Proposal]:
    proposals = Proposal.objects.select_related("municipality")
    if scope_for(user, Permission.PROPOSAL_MANAGE).everything:
        return proposals
    municipality_id = scope_for(user, Permission.PROPOSAL_ANSWER).municipality_id
    if municipality_id is not None:
        return proposals.filter(municipality_id=municipality_id).exclude(state=Proposal.State.DRAFT)
    return proposals.none()


def get_proposal_for(user: Any, pk: int) -> Proposal:
    proposal = proposals_visible_to(user).filter(pk=pk).first()
    if proposal is None:
        raise Http404
    return proposal


def get_proposed_case_for(user: Any, pk: int) -> ProposedCase:
    proposed = (
        ProposedCase.objects.filter(pk=pk, proposal__in=proposals_visible_to(user).values("pk"))
        .select_related("proposal__municipality", "case")
        .first()
    )
    if proposed is None:
        raise Http404
    return proposed


class ProposalSort(TextChoices):
    OPEN_FIRST = "open_first", _("Åpne først, nærmeste svarfrist øverst")
    SENT_DESC = "sent_desc", _("Sendt, nyeste først")
    SENT_ASC = "sent_asc", _("Sendt, eldste først")
    DEADLINE_ASC = "deadline_asc", _("Svarfrist, tidligste først")
    DEADLINE_DESC = "deadline_desc", _("Svarfrist, seneste først")
    PENDING_DESC = "pending_desc", _("Flest saker som venter på svar først")


def _proposal_order(sort: str) -> list[Any]:
    # The id breaks ties, so that paging never shows a proposal twice or skips one.
    orders: dict[str, list[Any]] = {
        ProposalSort.SENT_DESC: [F("sent_at").desc(nulls_last=True), "-id"],
        ProposalSort.SENT_ASC: [F("sent_at").asc(nulls_last=True), "id"],
        ProposalSort.DEADLINE_ASC: ["deadline", "id"],
        ProposalSort.DEADLINE_DESC: ["-deadline", "-id"],
        ProposalSort.PENDING_DESC: ["-pending_count", "deadline", "id"],
    }
    if sort in orders:
        return orders[sort]
    # Open ones by deadline, then the closed ones newest first.
    return [
        "is_open",
        Conditional(When(state=Proposal.State.SENT, then=F("deadline"))).asc(nulls_last=True),
        F("sent_at").desc(nulls_last=True),
        "-id",
    ]


def own_proposals(user: Any, *, state: str = "", sort: str = "") -> QuerySet[Proposal]:
    """The municipality's list, in `state` if given: by default open ones first by deadline,
    then the rest newest first."""
    proposals = proposals_visible_to(user)
    if state:
        proposals = proposals.filter(state=state)
    return proposals.annotate(
        is_open=Conditional(
            When(state=Proposal.State.SENT, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
        case_count=Count("proposed_cases"),
        pending_count=Count("proposed_cases", filter=Q(proposed_cases__answer="pending")),
    ).order_by(*_proposal_order(sort))


def proposal_cases(proposal: Proposal) -> list[ProposedCase]:
    """The proposal's cases with their members, in two queries whatever their number."""
    return list(
        ProposedCase.objects.filter(proposal=proposal)
        .select_related("case", "answered_by", "settlement_decision")
        .prefetch_related(
            Prefetch(
                "settlement_decision__letters",
                queryset=DecisionLetter.objects.select_related("template_version"),
            ),
            Prefetch(
                "case__members",
                # Health details stay unread: reading them is an audited action of its own.
                queryset=Person.objects.select_related("current_assessment", "reception_centre")
                .defer("current_assessment__health_details")
                .order_by(*head_first()),
                to_attr="member_list",
            ),
        )
        .order_by("pk")
    )


def persons_in_proposal(proposal: Proposal) -> int:
    return Person.objects.filter(
        case__proposals__proposal=proposal, case__proposals__answer__in=LIVE_ANSWERS
    ).count()


def minors_in_proposal(proposal: Proposal) -> int:
    return Person.objects.filter(
        case__proposals__proposal=proposal,
        case__proposals__answer__in=LIVE_ANSWERS,
        category=Category.UNACCOMPANIED_MINOR,
    ).count()


def current_decision(municipality: Municipality, year: int) -> MunicipalDecision | None:
    return (
        MunicipalDecision.objects.filter(
            request__municipality=municipality,
            request__year=year,
            state__in=CURRENT_DECISION_STATES,
        )
        .order_by("-approved_at")
        .first()
    )


def places_table(year: int) -> list[Municipality]:
    """Every municipality with a current decision for `year`, with its places and the persons
    using them: approved places minus persons settled there in `year` and persons matched there
    still awaiting settlement (settlement.counting). Unaccompanied minors are counted
    separately. Persons awaiting settlement hold their place whichever year is asked about: they
    arrive soon, and a promised place must not be offered twice. Most free places first."""
    rows = [_with_free_places(row) for row in _places_query(year)]
    return sorted(rows, key=lambda row: (-row.free, row.number))  # type: ignore[attr-defined]


def free_places(municipality: Municipality, year: int) -> Municipality | None:
    """The municipality's row of `places_table`, or None without a current decision."""
    row = _places_query(year).filter(pk=municipality.pk).first()
    return _with_free_places(row) if row is not None else None


def _places_query(year: int) -> QuerySet[Municipality]:
    """One query with each count once. `free = places − used` is worked out in Python: as an
    annotation, Django copies every subquery it refers to into the SQL again (and again in the
    ORDER BY), which counted the persons using places four times."""
    # No ordering: a request has one current decision (a constraint), and the models' default
    # orderings would join the request and municipality again in each of the three subqueries.
    decision = MunicipalDecision.objects.filter(
        request__municipality=OuterRef("pk"),
        request__year=year,
        state__in=CURRENT_DECISION_STATES,
    ).order_by()
    here = OuterRef("pk")
    return (
        Municipality.objects.annotate(
            places=Subquery(decision.values("places")[:1], output_field=IntegerField()),
            minor_places=Subquery(
                decision.values("unaccompanied_minors")[:1], output_field=IntegerField()
            ),
            takes_minors=Subquery(
                decision.values("takes_unaccompanied_minors")[:1], output_field=BooleanField()
            ),
            settled=settled_count(municipality=here, year=year),
            awaiting=awaiting_count(municipality=here),
            minors_settled=settled_count(municipality=here, year=year, minors=True),
            minors_awaiting=awaiting_count(municipality=here, minors=True),
        )
        .filter(places__isnull=False)
        .select_related("county")
        .order_by()
    )


def _with_free_places(row: Any) -> Municipality:
    row.used = row.settled + row.awaiting
    row.minors_used = row.minors_settled + row.minors_awaiting
    row.free = row.places - row.used
    row.minors_free = None if row.minor_places is None else row.minor_places - row.minors_used
    return row


class WorkListSort(TextChoices):
    WAITING_LONGEST = "waiting_desc", _("Ventet lengst først")
    WAITING_SHORTEST = "waiting_asc", _("Ventet kortest først")
    LARGEST = "size_desc", _("Flest personer først")
    SMALLEST = "size_asc", _("Færrest personer først")
    MOST_MINORS = "minors_desc", _("Flest under 18 år først")


def eighteen_years_before(today: datetime.date) -> datetime.date:
    """Persons born after this day are under 18 today (29 February counts from 28 February)."""
    try:
        return today.replace(year=today.year - 18)
    except ValueError:
        return today.replace(year=today.year - 18, day=28)


def _minors(today: datetime.date) -> Coalesce:
    under_18 = (
        Person.objects.filter(case=OuterRef("pk"), birth_date__gt=eighteen_years_before(today))
        .order_by()
        .values("case")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(under_18, output_field=IntegerField()), Value(0))


def _work_list_order(sort: str) -> list[Any]:
    # The case number breaks ties, so that paging never shows a case twice or skips one.
    orders: dict[str, list[Any]] = {
        WorkListSort.WAITING_SHORTEST: ["-state_changed_at", "-pk"],
        WorkListSort.LARGEST: ["-household_size", "state_changed_at", "pk"],
        WorkListSort.SMALLEST: ["household_size", "state_changed_at", "pk"],
        WorkListSort.MOST_MINORS: ["-minor_count", "state_changed_at", "pk"],
    }
    return orders.get(sort, ["state_changed_at", "pk"])


def work_list(
    *,
    category: str = "",
    household_size: int | None = None,
    special_need: str = "",
    wished_county: str = "",
    wished_municipality: str = "",
    min_days_waiting: int | None = None,
    centre: Any = None,
    today: datetime.date | None = None,
    sort: str = "",
) -> QuerySet[Case]:
    """Ready cases not in an open proposal, longest waiting first unless `sort` says otherwise,
    members prefetched."""
    today = today or timezone.localdate()
    in_live_proposal = ProposedCase.objects.filter(case=OuterRef("pk"), answer__in=LIVE_ANSWERS)
    cases = Case.objects.filter(state=CaseState.READY).filter(~Exists(in_live_proposal))
    member = Q()
    if category:
        member &= Q(category=category)
    if special_need:
        member &= Q(current_assessment__data__special_needs__icontains=special_need)
    if wished_county:
        member &= Q(current_assessment__data__wish_counties__icontains=wished_county)
    if wished_municipality:
        member &= Q(current_assessment__data__wish_municipalities__icontains=wished_municipality)
    if centre is not None:
        member &= Q(reception_centre=centre)
    if member:
        cases = cases.filter(Exists(Person.objects.filter(member, case=OuterRef("pk"))))
    if household_size is not None:
        sized = (
            Person.objects.filter(case=OuterRef("pk"))
            .order_by()
            .values("case")
            .annotate(n=Count("pk"))
            .filter(n=household_size)
            .values("case")
        )
        cases = cases.filter(Exists(sized))
    if min_days_waiting is not None:
        latest = today - datetime.timedelta(days=min_days_waiting)
        cases = cases.filter(state_changed_at__date__lte=latest)
    cases = cases.prefetch_related(
        Prefetch(
            "members",
            queryset=Person.objects.select_related("reception_centre", "current_assessment")
            .defer("current_assessment__health_details")
            .order_by(*head_first()),
            to_attr="member_list",
        )
    )
    # Subqueries only to sort by, as the case list does: the paginator's COUNT leaves them out,
    # and the page shows the sizes of its prefetched members.
    if sort in (WorkListSort.LARGEST, WorkListSort.SMALLEST):
        cases = cases.annotate(household_size=size_of_household())
    if sort == WorkListSort.MOST_MINORS:
        cases = cases.annotate(minor_count=_minors(today))
    return cases.order_by(*_work_list_order(sort))


def accepted_undecided() -> QuerySet[ProposedCase]:
    """Cases a municipality said yes to, still without IMDi's settlement decision."""
    return (
        ProposedCase.objects.filter(
            answer=ProposedCase.Answer.ACCEPTED, case__state=CaseState.PROPOSED
        )
        .filter(~Exists(SettlementDecision.objects.filter(proposed_case=OuterRef("pk"))))
        .select_related("proposal__municipality", "case")
        .prefetch_related(
            Prefetch(
                "case__members",
                queryset=Person.objects.order_by(*head_first()),
                to_attr="member_list",
            )
        )
        .order_by("answered_at", "pk")
    )


def letters_visible_to(user: Any) -> QuerySet[DecisionLetter]:
    letters = DecisionLetter.objects.select_related("decision__municipality", "decision__case")
    scope = scope_for(user, Permission.DECISION_LETTER_VIEW)
    if scope.everything:
        return letters
    if scope.municipality_id is not None:
        return letters.filter(decision__municipality_id=scope.municipality_id)
    return letters.none()


def get_letter_for(user: Any, pk: int) -> DecisionLetter:
    letter = letters_visible_to(user).filter(pk=pk).first()
    if letter is None:
        raise Http404
    return letter


def decisions_of_proposal(proposal: Proposal) -> QuerySet[SettlementDecision]:
    return SettlementDecision.objects.filter(proposed_case__proposal=proposal).prefetch_related(
        Prefetch("letters", queryset=DecisionLetter.objects.select_related("template_version"))
    )
