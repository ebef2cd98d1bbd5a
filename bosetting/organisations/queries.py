"""Reads about municipalities, agreements and reception centres, scoped to the asking user.

A municipality's agreement status is computed in the database, so the list of all 357 municipalities
costs the same few queries as a list of three.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from bosetting.accounts.models import User
from bosetting.accounts.permissions import Permission, access_state, has_permission
from bosetting.accounts.roles import Role

from .models import AgreementSignature, DataProcessingAgreement, Municipality, ReceptionCentre


class AgreementStatus(models.TextChoices):
    SIGNED_CURRENT = "signed_current", _("Signert gjeldende versjon")  # may reach personal data
    SIGNED_OLDER = "signed_older", _("Signert eldre versjon")  # must sign the new version
    NOT_SIGNED = "not_signed", _("Ikke signert")  # never signed any version


# Designsystemet colours for the status tag; the tag's text always says the status too.
STATUS_COLOURS: dict[str, str] = {
    AgreementStatus.SIGNED_CURRENT: "success",
    AgreementStatus.SIGNED_OLDER: "warning",
    AgreementStatus.NOT_SIGNED: "danger",
}


def status_tags() -> list[tuple[str, str, str]]:
    """(value, label, colour) for each status, for organisations/includes/status_tag.html."""
    return [(status.value, str(status.label), STATUS_COLOURS[status]) for status in AgreementStatus]


def current_agreement_subquery() -> Subquery:
    """The newest published version is the current one (the same rule as accounts.queries)."""
    return Subquery(DataProcessingAgreement.objects.order_by("-published_at").values("pk")[:1])


def municipalities_with_status() -> QuerySet[Municipality]:
    """Every municipality with its county and annotated with its agreement status.

    Annotations: status (AgreementStatus), signed_current, latest_signed_on,
    latest_signed_version, admin_count (active municipal administrators) and
    may_reach_personal_data (signed current version and at least one administrator).
    """
    signatures = AgreementSignature.objects.filter(municipality=OuterRef("pk"))
    newest_first = signatures.order_by("-agreement__published_at")
    admins = (
        User.objects.filter(
            organisation=OuterRef("organisation"),
            is_active=True,
            roles__role=Role.MUNICIPAL_ADMIN,
        )
        .order_by()
        .values("organisation")
        .annotate(count=Count("pk", distinct=True))
        .values("count")
    )
    return (
        Municipality.objects.select_related("county")
        .annotate(
            signed_current=Exists(signatures.filter(agreement=current_agreement_subquery())),
            signed_any=Exists(signatures),
            latest_signed_on=Subquery(newest_first.values("signed_on")[:1]),
            latest_signed_version=Subquery(newest_first.values("agreement__version")[:1]),
            admin_count=Coalesce(Subquery(admins, output_field=IntegerField()), 0),
        )
        .annotate(
            status=Case(
                When(signed_current=True, then=Value(AgreementStatus.SIGNED_CURRENT.value)),
                When(signed_any=True, then=Value(AgreementStatus.SIGNED_OLDER.value)),
                default=Value(AgreementStatus.NOT_SIGNED.value),
                output_field=CharField(),
            ),
            may_reach_personal_data=Case(
                When(signed_current=True, admin_count__gt=0, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .order_by("number")
    )


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
    if has_permission(user, Permission.MUNICIPALITY_LIST_VIEW):
        return signatures
    municipality_id = access_state(user).municipality_id if user.is_authenticated else None
    if municipality_id is not None and has_permission(user, Permission.AGREEMENT_VIEW):
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
    return ReceptionCentre.objects.select_related("municipality__county").order_by("name")
