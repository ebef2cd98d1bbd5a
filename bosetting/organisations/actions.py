"""Writes to organisations and agreements, each audited in its own transaction."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bosetting.accounts.permissions import Permission, require_actor
from bosetting.audit.actions import record_event
from bosetting.audit.models import EventType
from bosetting.core.pdf import render_pdf

from .counties import MUNICIPALITIES_CSV
from .models import (
    AgreementSignature,
    County,
    DataProcessingAgreement,
    Municipality,
    Organisation,
    ReceptionCentre,
)
from .validators import validate_organisation_number

if TYPE_CHECKING:
    from bosetting.accounts.models import Actor

IMDI_NAME = "IMDi – Integrerings- og mangfoldsdirektoratet"


class OrganisationError(ValueError):
    """A refused change, with a message the user is shown, and the form field it concerns if any."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _require(by: Actor, permission: Permission) -> None:
    require_actor(by, permission)


@dataclass(frozen=True)
class LoadResult:
    counties_created: int
    municipalities_created: int
    municipalities_renamed: int


def load_municipalities(*, by: Actor = None, path: Path = MUNICIPALITIES_CSV) -> LoadResult:
    """Create or update every county and municipality in the file. Running it again changes nothing."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with transaction.atomic():
        counties = {county.number: county for county in County.objects.all()}
        existing = {m.number: m for m in Municipality.objects.select_related("organisation")}
        counties_created = created = renamed = 0
        for row in rows:
            county = counties.get(row["fylkesnummer"])
            if county is None:
                county = County.objects.create(number=row["fylkesnummer"], name=row["fylkesnavn"])
                counties[county.number] = county
                counties_created += 1
            elif county.name != row["fylkesnavn"]:
                county.name = row["fylkesnavn"]
                county.save(update_fields=["name"])
            municipality = existing.get(row["kommunenummer"])
            if municipality is None:
                organisation = Organisation.objects.create(
                    kind=Organisation.Kind.MUNICIPALITY, name=f"{row['kommunenavn']} kommune"
                )
                Municipality.objects.create(
                    number=row["kommunenummer"],
                    name=row["kommunenavn"],
                    county=county,
                    organisation=organisation,
                )
                created += 1
            elif municipality.name != row["kommunenavn"] or municipality.county_id != county.pk:
                municipality.name = row["kommunenavn"]
                municipality.county = county
                municipality.save(update_fields=["name", "county"])
                municipality.organisation.name = f"{row['kommunenavn']} kommune"
                municipality.organisation.save(update_fields=["name"])
                renamed += 1
        result = LoadResult(counties_created, created, renamed)
        if counties_created or created or renamed:
            record_event(
                by=by,
                event_type=EventType.MUNICIPALITIES_LOADED,
                summary=_("Kommuner lastet inn: %(created)s nye, %(renamed)s endret")
                % {"created": created, "renamed": renamed},
                details={"file": path.name, "counties_created": counties_created},
            )
    return result


def ensure_imdi(*, by: Actor = None) -> Organisation:
    with transaction.atomic():
        imdi = Organisation.objects.filter(kind=Organisation.Kind.IMDI).first()
        if imdi is None:
            imdi = Organisation.objects.create(kind=Organisation.Kind.IMDI, name=IMDI_NAME)
            record_event(
                by=by,
                event_type=EventType.ORGANISATION_CREATED,
                summary=_("Organisasjonen %(name)s opprettet") % {"name": imdi.name},
                obj=imdi,
            )
    return imdi


def create_reception_centre(
    *,
    by: Actor,
    name: str,
    kind: str,
    municipality: Municipality,
    organisation_number: str = "",
) -> ReceptionCentre:
    """A centre and its organisation; `organisation_number` empty when it is not known yet."""
    _require(by, Permission.RECEPTION_CENTRE_MANAGE)
    if organisation_number:
        try:
            validate_organisation_number(organisation_number)
        except ValidationError as error:
            raise OrganisationError(error.messages[0], field="organisation_number") from error
    with transaction.atomic():
        if ReceptionCentre.objects.filter(name=name).exists():
            raise OrganisationError(
                _("Det finnes allerede et mottak med dette navnet."), field="name"
            )
        holder = Organisation.objects.filter(organisation_number=organisation_number or None)
        if organisation_number and holder.exists():
            raise OrganisationError(
                _("Organisasjonsnummeret tilhører allerede %(name)s.")
                % {"name": holder.get().name},
                field="organisation_number",
            )
        organisation = Organisation.objects.create(
            kind=Organisation.Kind.RECEPTION_CENTRE,
            name=name,
            organisation_number=organisation_number or None,
        )
        centre = ReceptionCentre.objects.create(
            name=name, kind=kind, municipality=municipality, organisation=organisation
        )
        record_event(
            by=by,
            event_type=EventType.ORGANISATION_CREATED,
            summary=_("Mottaket %(name)s i %(municipality)s opprettet")
            % {"name": name, "municipality": municipality.name},
            obj=centre,
            municipality=municipality,
        )
    return centre


def set_organisation_number(*, by: Actor, organisation: Organisation, number: str) -> Organisation:
    """Change (or with "" remove) the organisation number: Ansattporten logins are checked
    against it, so a wrong one keeps the organisation's employees out."""
    _require(by, Permission.ORGANISATION_NUMBER_MANAGE)
    if number:
        try:
            validate_organisation_number(number)
        except ValidationError as error:
            raise OrganisationError(error.messages[0], field="organisation_number") from error
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        before = organisation.organisation_number
        if (before or "") == number:
            return organisation
        holder = Organisation.objects.filter(organisation_number=number).exclude(pk=organisation.pk)
        if number and holder.exists():
            raise OrganisationError(
                _("Organisasjonsnummeret tilhører allerede %(name)s.")
                % {"name": holder.get().name},
                field="organisation_number",
            )
        organisation.organisation_number = number or None
        organisation.save(update_fields=["organisation_number"])
        record_event(
            by=by,
            event_type=EventType.ORGANISATION_NUMBER_CHANGED,
            summary=_("Organisasjonsnummeret til %(org)s endret fra %(before)s til %(after)s")
            % {"org": organisation, "before": before or "–", "after": number or "–"},
            obj=organisation,
            municipality=organisation.own_municipality,
            details={"before": before, "after": number or None},
        )
    return organisation


def agreement_pdf(*, version: str, title: str, text: str) -> bytes:
    """The agreement as an archivable PDF, for a version published without a document of its own."""
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    return render_pdf(
        "organisations/pdf/agreement.html",
        {"title": title, "version": version, "paragraphs": paragraphs},
    )


def publish_agreement(
    *, by: Actor, version: str, title: str, text: str, document: File | None = None
) -> DataProcessingAgreement:
    """Publish a new version. It becomes the current one: earlier signatures no longer suffice.

    Without a document, the PDF is made from the title and the text.
    """
    _require(by, Permission.AGREEMENT_MANAGE)
    if document is None:
        # Rendered before the transaction: it takes a second, and the write lock should not wait.
        document = ContentFile(agreement_pdf(version=version, title=title, text=text))
    with transaction.atomic():
        if DataProcessingAgreement.objects.filter(version=version).exists():
            raise OrganisationError(
                _("Versjon %(version)s finnes allerede.") % {"version": version}, field="version"
            )
        agreement = DataProcessingAgreement(
            version=version,
            title=title,
            text=text,
            published_at=timezone.now(),
            published_by=by,
        )
        agreement.document.save(f"databehandleravtale-{version}.pdf", document, save=False)
        agreement.save()
        record_event(
            by=by,
            event_type=EventType.AGREEMENT_PUBLISHED,
            summary=_("Databehandleravtale versjon %(version)s publisert") % {"version": version},
            obj=agreement,
        )
    return agreement


def register_signature(
    *,
    by: Actor,
    agreement: DataProcessingAgreement,
    municipality: Municipality,
    signed_on: Any,
    signed_by: str,
    document: File,
) -> AgreementSignature:
    _require(by, Permission.AGREEMENT_MANAGE)
    with transaction.atomic():
        if signed_on > timezone.localdate():
            raise OrganisationError(
                _("Signaturdatoen kan ikke være i fremtiden."), field="signed_on"
            )
        if signed_on < timezone.localdate(agreement.published_at):
            raise OrganisationError(
                _("Signaturdatoen kan ikke være før avtalen ble publisert."), field="signed_on"
            )
        if AgreementSignature.objects.filter(
            agreement=agreement, municipality=municipality
        ).exists():
            raise OrganisationError(
                _("%(municipality)s har allerede signert versjon %(version)s.")
                % {"municipality": municipality.name, "version": agreement.version},
                field="agreement",
            )
        signature = AgreementSignature(
            agreement=agreement,
            municipality=municipality,
            signed_on=signed_on,
            signed_by=signed_by,
            registered_by=by,
            registered_at=timezone.now(),
        )
        signature.document.save(
            f"signert-{municipality.number}-{agreement.version}.pdf", document, save=False
        )
        signature.save()
        record_event(
            by=by,
            event_type=EventType.AGREEMENT_SIGNED,
            summary=_("%(municipality)s har signert databehandleravtale versjon %(version)s")
            % {"municipality": municipality.name, "version": agreement.version},
            obj=signature,
            municipality=municipality,
            details={"signed_on": signed_on.isoformat(), "signed_by": signed_by},
        )
    return signature
