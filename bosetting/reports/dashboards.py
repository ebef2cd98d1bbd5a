"""The start page's figures by role, each a few aggregate queries whatever the data's size.

Counts only: no names, so a municipality's reader may see them. Links to personal data are given
by the view only to those who may open them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, Min, OuterRef, Q
from django.utils import timezone

from bosetting.accounts.permissions import Permission, has_permission, scope_for
from bosetting.cases.models import Case, CaseState, Person
from bosetting.distribution.models import Proposal
from bosetting.organisations.models import Municipality
from bosetting.planning.models import MunicipalDecision
from bosetting.settlement.counting import (
    IS_UNACCOMPANIED_MINOR,
    awaiting_settlement,
    settled_in_year,
    settled_totals,
)

CURRENT_DECISION = [MunicipalDecision.State.APPROVED, MunicipalDecision.State.ACKNOWLEDGED]
LIST_LIMIT = 10


@dataclass(frozen=True)
class Places:
    decided: int | None  # None: no approved decision for the year
    settled: int
    awaiting: int  # matched, not yet settled: the places are promised

    @property
    def in_use(self) -> int:
        return self.settled + self.awaiting

    @property
    def left(self) -> int | None:
        return None if self.decided is None else self.decided - self.in_use


@dataclass(frozen=True)
class MunicipalDashboard:
    year: int
    places: Places
    minors: Places
    open_proposals: list[Any]  # Proposal with case_count
    awaiting_persons: int
    awaiting_cases: int
    longest_wait_days: int | None


@dataclass(frozen=True)
class ImdiDashboard:
    year: int
    pipeline: dict[str, int]  # case state → cases
    settled_this_year: int
    overdue_proposals: list[Any]  # Proposal with municipality
    overdue_count: int
    without_decision: int
    municipality_count: int


@dataclass(frozen=True)
class ReceptionDashboard:
    residents_by_state: list[tuple[str, int]]  # (state label, persons)


def municipal_dashboard(municipality_id: int) -> MunicipalDashboard:
    today = timezone.localdate()
    year = today.year
    decision = (
        MunicipalDecision.objects.filter(
            request__municipality_id=municipality_id,
            request__year=year,
            state__in=CURRENT_DECISION,
        )
        .values("places", "unaccompanied_minors")
        .first()
    )
    settled = settled_totals(year=year, municipality_id=municipality_id)
    awaiting = (
        awaiting_settlement()
        .filter(case__municipality_id=municipality_id)
        .aggregate(
            persons=Count("pk"),
            cases=Count("case", distinct=True),
            minors=Count("pk", filter=IS_UNACCOMPANIED_MINOR),
            oldest=Min("case__settlement_decision__decided_on"),
        )
    )
    proposals = list(
        Proposal.objects.filter(municipality_id=municipality_id, state=Proposal.State.SENT)
        .annotate(case_count=Count("proposed_cases"))
        .order_by("deadline", "pk")[:LIST_LIMIT]
    )
    return MunicipalDashboard(
        year=year,
        places=Places(
            decided=decision["places"] if decision else None,
            settled=settled.persons,
            awaiting=awaiting["persons"],
        ),
        minors=Places(
            decided=decision["unaccompanied_minors"] if decision else None,
            settled=settled.minors,
            awaiting=awaiting["minors"],
        ),
        open_proposals=proposals,
        awaiting_persons=awaiting["persons"],
        awaiting_cases=awaiting["cases"],
        longest_wait_days=(today - awaiting["oldest"]).days if awaiting["oldest"] else None,
    )


def imdi_dashboard() -> ImdiDashboard:
    today = timezone.localdate()
    counted = [CaseState.READY, CaseState.PROPOSED, CaseState.MATCHED]
    pipeline = {state.value: 0 for state in counted}
    for row in Case.objects.filter(state__in=counted).values("state").annotate(n=Count("pk")):
        pipeline[row["state"]] = row["n"]
    settled = settled_in_year(today.year).count()
    overdue = Proposal.objects.filter(state=Proposal.State.SENT, deadline__lt=today)
    overdue_list = list(
        overdue.select_related("municipality").order_by("deadline", "pk")[:LIST_LIMIT]
    )
    decided = MunicipalDecision.objects.filter(
        request__municipality=OuterRef("pk"), request__year=today.year, state__in=CURRENT_DECISION
    )
    municipalities = Municipality.objects.aggregate(
        total=Count("pk"), without=Count("pk", filter=~Q(Exists(decided)))
    )
    return ImdiDashboard(
        year=today.year,
        pipeline=pipeline,
        settled_this_year=settled,
        overdue_proposals=overdue_list,
        overdue_count=overdue.count(),
        without_decision=municipalities["without"],
        municipality_count=municipalities["total"],
    )


def reception_dashboard(organisation_id: int) -> ReceptionDashboard:
    rows = (
        Person.objects.filter(reception_centre__organisation_id=organisation_id)
        .values("case__state")
        .annotate(n=Count("pk"))
    )
    counts = {row["case__state"]: row["n"] for row in rows}
    return ReceptionDashboard(
        residents_by_state=[(str(state.label), counts.get(state.value, 0)) for state in CaseState]
    )


def dashboard_for(user: Any) -> dict[str, Any]:
    """The home page's context: which dashboard the user gets, and what they may open from it."""
    scope = scope_for(user)
    if scope.everything:
        return {"imdi_dashboard": imdi_dashboard()}
    municipality_id = scope_for(user, Permission.REQUEST_VIEW).municipality_id
    if municipality_id is not None:
        return {
            "municipal_dashboard": municipal_dashboard(municipality_id),
            "can_register_settlement": has_permission(user, Permission.SETTLEMENT_REGISTER),
            "can_answer_proposals": has_permission(user, Permission.PROPOSAL_ANSWER),
        }
    if scope.reception_centre_organisation_id is not None:
        return {
            "reception_dashboard": reception_dashboard(scope.reception_centre_organisation_id),
            "can_register_settlement": has_permission(user, Permission.SETTLEMENT_REGISTER),
        }
    return {}
