import io
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from pypdf import PdfReader

from bosetting.accounts.models import User
from bosetting.accounts.permissions import AccessDenied, Permission, has_permission
from bosetting.audit.models import AuditEvent, EventType
from bosetting.organisations.actions import (
    OrganisationError,
    create_reception_centre,
    publish_agreement,
    register_signature,
)
from bosetting.organisations.models import AgreementSignature, ReceptionCentre

SIGNED_PDF = b"%PDF-1.7\n% signert avtale\n"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _read(field_file) -> bytes:
    with field_file.open("rb") as handle:
        return handle.read()


def _pdf_text(data: bytes) -> str:
    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def _signature(cast, by, *, municipality=None, signed_on=None):
    return register_signature(
        by=by,
        agreement=cast.agreement,
        municipality=municipality or cast.stord,
        signed_on=signed_on or timezone.localdate(),
        signed_by="Ordfører Eva Eksempel",
        document=ContentFile(SIGNED_PDF),
    )


def _publish(by, version="2027-1"):
    return publish_agreement(
        by=by,
        version=version,
        title="Revidert databehandleravtale",
        text="Første avsnitt.\nAndre avsnitt.",
        document=ContentFile(b"%PDF-1.7\n% avtale\n"),
    )


@pytest.mark.parametrize(
    "who", ["imdi_caseworker", "imdi_reader", "bergen_admin", "reception_staff"]
)
def test_only_imdi_admins_register_signatures(cast, who):
    with pytest.raises(AccessDenied):
        _signature(cast, getattr(cast, who))

    assert not AgreementSignature.objects.filter(municipality=cast.stord).exists()


@pytest.mark.parametrize("who", ["imdi_caseworker", "imdi_reader", "stord_admin"])
def test_only_imdi_admins_publish_agreements(cast, who):
    with pytest.raises(AccessDenied):
        _publish(getattr(cast, who))


@pytest.mark.parametrize("who", ["imdi_caseworker", "bergen_admin", "reception_staff"])
def test_only_imdi_admins_create_reception_centres(cast, who):
    with pytest.raises(AccessDenied):
        create_reception_centre(
            by=getattr(cast, who),
            name="Stord mottak",
            kind=ReceptionCentre.Kind.ORDINARY,
            municipality=cast.stord,
        )

    assert not ReceptionCentre.objects.filter(name="Stord mottak").exists()


def test_register_signature_writes_one_audit_event(cast):
    before = AuditEvent.objects.count()

    signature = _signature(cast, cast.imdi_admin)

    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.first()
    assert event.event_type == EventType.AGREEMENT_SIGNED
    assert event.municipality == cast.stord
    assert event.actor == cast.imdi_admin
    assert signature.registered_by == cast.imdi_admin
    assert _read(signature.document) == SIGNED_PDF


def test_signature_date_in_the_future_is_refused(cast):
    before = AuditEvent.objects.count()

    with pytest.raises(OrganisationError) as refused:
        _signature(cast, cast.imdi_admin, signed_on=timezone.localdate() + timedelta(days=1))

    assert refused.value.field == "signed_on"
    assert "fremtiden" in refused.value.message
    assert AuditEvent.objects.count() == before
    assert not AgreementSignature.objects.filter(municipality=cast.stord).exists()


def test_signature_date_before_publication_is_refused(cast):
    with pytest.raises(OrganisationError) as refused:
        _signature(cast, cast.imdi_admin, signed_on=timezone.localdate() - timedelta(days=1))

    assert refused.value.field == "signed_on"


def test_second_signature_of_the_same_version_is_refused(cast):
    before = AuditEvent.objects.count()

    with pytest.raises(OrganisationError) as refused:
        _signature(cast, cast.imdi_admin, municipality=cast.bergen)

    assert "har allerede signert" in refused.value.message
    assert AuditEvent.objects.count() == before
    assert AgreementSignature.objects.filter(municipality=cast.bergen).count() == 1


def test_publish_agreement_writes_one_audit_event(cast):
    before = AuditEvent.objects.count()

    agreement = _publish(cast.imdi_admin)

    assert AuditEvent.objects.count() == before + 1
    assert AuditEvent.objects.first().event_type == EventType.AGREEMENT_PUBLISHED
    assert agreement.published_by == cast.imdi_admin


def test_publishing_an_existing_version_is_refused(cast):
    with pytest.raises(OrganisationError) as refused:
        _publish(cast.imdi_admin, version=cast.agreement.version)

    assert refused.value.field == "version"


def test_agreement_without_document_gets_a_generated_pdf(cast):
    agreement = publish_agreement(
        by=cast.imdi_admin,
        version="2027-1",
        title="Revidert databehandleravtale",
        text="Kommunen behandler personopplysninger.\n\nAvvik meldes til IMDi.",
    )

    text = _pdf_text(_read(agreement.document))
    assert "Revidert databehandleravtale" in text
    assert "2027-1" in text
    assert "Avvik meldes til IMDi." in text


def test_create_reception_centre_writes_one_audit_event(cast):
    before = AuditEvent.objects.count()

    centre = create_reception_centre(
        by=cast.imdi_admin,
        name="Stord mottak",
        kind=ReceptionCentre.Kind.TRANSIT,
        municipality=cast.stord,
    )

    assert AuditEvent.objects.count() == before + 1
    assert AuditEvent.objects.first().event_type == EventType.ORGANISATION_CREATED
    assert centre.organisation.is_reception_centre


def test_duplicate_reception_centre_name_is_refused(cast):
    with pytest.raises(OrganisationError) as refused:
        create_reception_centre(
            by=cast.imdi_admin,
            name="Fana mottak",
            kind=ReceptionCentre.Kind.ORDINARY,
            municipality=cast.stord,
        )

    assert refused.value.field == "name"


def _fresh(user):
    # A new object: the permission layer computes its access state once per user object.
    return User.objects.get(pk=user.pk)


def test_new_version_takes_personal_data_away_until_it_is_signed(cast):
    assert has_permission(_fresh(cast.bergen_caseworker), Permission.AUDIT_LOG_VIEW)

    new_version = _publish(cast.imdi_admin)

    assert not has_permission(_fresh(cast.bergen_caseworker), Permission.AUDIT_LOG_VIEW)

    register_signature(
        by=cast.imdi_admin,
        agreement=new_version,
        municipality=cast.bergen,
        signed_on=timezone.localdate(),
        signed_by="Ordfører Eva Eksempel",
        document=ContentFile(SIGNED_PDF),
    )

    assert has_permission(_fresh(cast.bergen_caseworker), Permission.AUDIT_LOG_VIEW)
    assert not has_permission(_fresh(cast.oslo_caseworker), Permission.AUDIT_LOG_VIEW)
