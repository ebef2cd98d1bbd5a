"""The data processing agreement's status per municipality, computed in the database.

Below the authorization module: `accounts.permissions` asks here whether a municipality's users may
reach personal data, and IMDi's overview of all 357 municipalities shows the same annotation, so
both answer by one rule.
"""

from __future__ import annotations

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
from django.utils.translation import gettext_lazy as _

from bosetting.accounts.models import User
from bosetting.accounts.roles import Role

from .models import AgreementSignature, DataProcessingAgreement, Municipality


def current_agreement() -> DataProcessingAgreement | None:
    """The newest published version is the current one."""
    return DataProcessingAgreement.objects.order_by("-published_at").first()


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
    """The newest published version is the current one (the same rule as `current_agreement`)."""
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


def municipality_access(organisation_id: int) -> tuple[int, bool]:
    """The municipality's id, and whether its users may reach personal data (signed the current
    agreement, at least one active municipal administrator), in one query."""
    row: tuple[int, bool] = (
        municipalities_with_status()
        .filter(organisation_id=organisation_id)
        .values_list("pk", "may_reach_personal_data")  # type: ignore[misc]
        .get()
    )
    return row
