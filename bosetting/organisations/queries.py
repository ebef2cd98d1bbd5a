"""Reads about municipalities, agreements and reception centres, scoped to the asking user.

A municipality's agreement status is computed in the database, so the list of all 357 municipalities
costs the same few queries as a list of three.
"""

from __future__ import annotations

from typing import Any

from django.db.models import (
    Count,
    QuerySet,
)
from django.http import Http404

from bosetting.accounts.permissions import Permission, scope_for

from .agreements import (
    AgreementStatus,
    municipalities_with_status,
)
from .models import AgreementSignature, DataProcessingAgreement, Municipality, ReceptionCentre


def status_totals(municipalities: QuerySet[Municipality]) -> dict[str, int]:
    """How many of `municipalities` (annotated by municipalities_with_status) are in each status.

    One grouped query; the keys are the statuses, "may_reach_personal_data" and "total".
    """
    totals = {status.value: 0 for status in AgreementStatus}
    totals["may_reach_personal_data"] = 0
    # The type checker does not follow annotations made in another function, hence the ignore.
    groups = (
        municipalities.order_by()
        .values("status", "may_reach_personal_data")  # type: ignore[misc]
        .annotate(count=Count("pk"))
    )
    for group in groups:
        totals[group["status"]] += group["count"]
        if group["may_reach_personal_data"]:
            totals["may_reach_personal_data"] += group["count"]
    totals["total"] = sum(totals[status.value] for status in AgreementStatus)
    return totals


def with_status(municipalities: QuerySet[Municipality], status: str) -> QuerySet[Municipality]:
    """Those of `municipalities` (annotated by municipalities_with_status) in `status`."""
    return municipalities.filter(status=status)  # type: ignore[misc]


def own_municipality_with_status(user: Any) -> Municipality:
    """The user's own municipality with its agreement status; 404 for a user who has none."""
    municipality_id = scope_for(user, Permission.AGREEMENT_VIEW).municipality_id
    if municipality_id is None:
        raise Http404
    return get_municipality_with_status(pk=municipality_id)


def get_municipality_with_status(
    *, number: str | None = None, pk: int | None = None
) -> Municipality:
    lookup: dict[str, Any] = {"number": number} if number is not None else {"pk": pk}
    try:
        return municipalities_with_status().get(**lookup)
    except Municipality.DoesNotExist:
        raise Http404 from None


def signatures_of(municipality: Municipality) -> QuerySet[AgreementSignature]:
    """The municipality's signatures of every version, newest version first."""
    return (
        AgreementSignature.objects.filter(municipality=municipality)
        .select_related("agreement", "registered_by")
        .order_by("-agreement__published_at")
    )


def signatures_visible_to(user: Any) -> QuerySet[AgreementSignature]:
    """IMDi sees every signed document; a municipality's users see only their own."""
    signatures = AgreementSignature.objects.select_related("agreement", "municipality")
    if scope_for(user, Permission.MUNICIPALITY_LIST_VIEW).everything:
        return signatures
    municipality_id = scope_for(user, Permission.AGREEMENT_VIEW).municipality_id
    if municipality_id is not None:
        return signatures.filter(municipality_id=municipality_id)
    return signatures.none()


def get_signature_for(user: Any, pk: int) -> AgreementSignature:
    """The signature `pk` if the user may see it, else 404 (never say it exists)."""
    try:
        return signatures_visible_to(user).get(pk=pk)
    except AgreementSignature.DoesNotExist:
        raise Http404 from None


def agreements_with_signature_counts() -> QuerySet[DataProcessingAgreement]:
    return (
        DataProcessingAgreement.objects.select_related("published_by")
        .annotate(signature_count=Count("signatures"))
        .order_by("-published_at")
    )


def reception_centres() -> QuerySet[ReceptionCentre]:
    return ReceptionCentre.objects.select_related("municipality__county", "organisation").order_by(
        "name"
    )
