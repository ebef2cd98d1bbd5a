"""Reads of requests and decisions, scoped to the asking user.

IMDi sees every request (drafts too); a municipality's users see their own sent requests only.
Requests and decisions are numbers, not personal data: no agreement is needed to see them.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from bosetting.accounts.permissions import Permission, scope_for

from .models import MunicipalDecision, SettlementRequest, SettlementRequestVersion

CURRENT_DECISION_STATES = [MunicipalDecision.State.APPROVED, MunicipalDecision.State.ACKNOWLEDGED]


def requests_visible_to(user: Any) -> QuerySet[SettlementRequest]:
    requests = SettlementRequest.objects.select_related("municipality__county")
    if scope_for(user, Permission.PLANNING_OVERVIEW_VIEW).everything:
        return requests
    municipality_id = scope_for(user, Permission.REQUEST_VIEW).municipality_id
    if municipality_id is not None:
        return requests.filter(municipality_id=municipality_id).exclude(
            state=SettlementRequest.State.DRAFT
        )
    return requests.none()


def get_request_for(user: Any, pk: int) -> SettlementRequest:
    """The request `pk` if the user may see it, else 404 (never say it exists)."""
    try:
        return requests_visible_to(user).get(pk=pk)
    except SettlementRequest.DoesNotExist:
        raise Http404 from None


def get_version_for(user: Any, pk: int) -> SettlementRequestVersion:
    visible = requests_visible_to(user)
    try:
        return SettlementRequestVersion.objects.select_related("request__municipality").get(
            pk=pk, request__in=visible
        )
    except SettlementRequestVersion.DoesNotExist:
        raise Http404 from None


def decisions_visible_to(user: Any) -> QuerySet[MunicipalDecision]:
    """IMDi sees decisions once approved; the municipality sees its drafts too."""
    decisions = MunicipalDecision.objects.select_related("request__municipality")
    if scope_for(user, Permission.PLANNING_OVERVIEW_VIEW).everything:
        return decisions.exclude(state=MunicipalDecision.State.DRAFT)
    return decisions.filter(request__in=requests_visible_to(user))


def get_decision_for(user: Any, pk: int) -> MunicipalDecision:
    try:
        return decisions_visible_to(user).get(pk=pk)
    except MunicipalDecision.DoesNotExist:
        raise Http404 from None


def requests_with_history(user: Any) -> QuerySet[SettlementRequest]:
    """The user's visible requests, newest year first, each with its versions and decisions."""
    return (
        requests_visible_to(user)
        .order_by("-year", "municipality__number")
        .prefetch_related(
            Prefetch("versions", queryset=SettlementRequestVersion.objects.order_by("-number")),
            Prefetch(
                "decisions",
                queryset=MunicipalDecision.objects.select_related(
                    "registered_by", "approved_by", "acknowledged_by"
                ).order_by("-registered_at", "-pk"),
            ),
        )
    )


def decision_parts(
    request: SettlementRequest, *, include_drafts: bool
) -> tuple[MunicipalDecision | None, MunicipalDecision | None, list[MunicipalDecision]]:
    """(current, draft, replaced) of a request whose decisions are prefetched."""
    current = draft = None
    replaced = []
    for decision in request.decisions.all():
        if decision.state in CURRENT_DECISION_STATES:
            current = decision
        elif decision.state == MunicipalDecision.State.DRAFT:
            if include_drafts:
                draft = decision
        else:
            replaced.append(decision)
    return current, draft, replaced
