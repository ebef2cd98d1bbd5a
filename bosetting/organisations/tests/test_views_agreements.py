import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from bosetting.accounts.models import User
from bosetting.accounts.permissions import Permission, has_permission
from bosetting.core.testing import close_response
from bosetting.organisations.models import AgreementSignature, DataProcessingAgreement

SIGNED_PDF = b"%PDF-1.7\n% signert avtale fra kommunen\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01"

PUBLISH_URL = reverse("organisations:agreement_publish")
LIST_URL = reverse("organisations:agreement_list")
OWN_URL = reverse("organisations:own_agreement")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _body(response) -> bytes:
    body = b"".join(response.streaming_content)
    close_response(response)
    return body


def _register_url(number: str) -> str:
    return reverse("organisations:register_signature", kwargs={"number": number})


def _signature_form(document: bytes = SIGNED_PDF, name: str = "signert.pdf", **changes):
    data = {
        "signed_on": timezone.localdate().strftime("%d.%m.%Y"),
        "signed_by": "Kari Nordmann, ordfører",
        "document": SimpleUploadedFile(name, document, content_type="application/pdf"),
    }
    data.update(changes)
    return data


def _fresh(user):
    return User.objects.get(pk=user.pk)


# Registering a signature


def test_register_signature_form_offers_the_current_version(cast, client_for):
    response = client_for(cast.imdi_admin).get(_register_url("4614"))

    assert response.status_code == 200
    assert response.context["form"]["agreement"].value() == cast.agreement.pk
    page = response.content.decode()
    assert "Registrer signatur for Stord" in page
    assert 'enctype="multipart/form-data"' in page


def test_imdi_admin_registers_stords_signature(cast, client_for):
    data = _signature_form(agreement=cast.agreement.pk)

    response = client_for(cast.imdi_admin).post(_register_url("4614"), data)

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "organisations:municipality_detail", kwargs={"number": "4614"}
    )
    signature = AgreementSignature.objects.get(municipality=cast.stord)
    assert signature.signed_by == "Kari Nordmann, ordfører"
    assert signature.registered_by == cast.imdi_admin
    assert has_permission(_fresh(cast.stord_caseworker), Permission.AUDIT_LOG_VIEW)


@pytest.mark.parametrize("who", ["imdi_caseworker", "imdi_reader", "stord_admin"])
def test_only_imdi_admins_reach_the_signature_form(cast, client_for, who):
    client = client_for(getattr(cast, who))

    assert client.get(_register_url("4614")).status_code == 403
    data = _signature_form(agreement=cast.agreement.pk)
    assert client.post(_register_url("4614"), data).status_code == 403
    assert not AgreementSignature.objects.filter(municipality=cast.stord).exists()


@pytest.mark.parametrize(
    ("content", "name"),
    [(PNG, "signert.pdf"), (b"Dette er bare tekst.\n", "signert.pdf"), (PNG, "signert.png")],
)
def test_a_file_that_is_not_a_pdf_is_refused_and_the_other_fields_kept(
    cast, client_for, content, name
):
    data = _signature_form(document=content, name=name, agreement=cast.agreement.pk)
    data["signed_on"] = (timezone.localdate()).strftime("%d.%m.%Y")

    response = client_for(cast.imdi_admin).post(_register_url("4614"), data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Filen er ikke en PDF. Last opp dokumentet som PDF-fil." in page
    assert 'id="id_document_error"' in page
    assert 'value="Kari Nordmann, ordfører"' in page
    assert f'value="{data["signed_on"]}"' in page
    assert not AgreementSignature.objects.filter(municipality=cast.stord).exists()


def test_a_file_over_the_size_limit_is_refused(cast, client_for, settings):
    settings.MAX_DOCUMENT_SIZE = 10
    data = _signature_form(agreement=cast.agreement.pk)

    response = client_for(cast.imdi_admin).post(_register_url("4614"), data)

    assert response.status_code == 200
    assert "Filen er for stor." in response.content.decode()


def test_a_future_date_is_shown_next_to_the_date_field(cast, client_for):
    tomorrow = (timezone.localdate() + timedelta(days=1)).strftime("%d.%m.%Y")
    data = _signature_form(agreement=cast.agreement.pk, signed_on=tomorrow)

    response = client_for(cast.imdi_admin).post(_register_url("4614"), data)

    assert response.status_code == 200
    assert response.context["form"].errors["signed_on"] == [
        "Signaturdatoen kan ikke være i fremtiden."
    ]


def test_a_date_not_written_as_dd_mm_yyyy_is_refused(cast, client_for):
    data = _signature_form(agreement=cast.agreement.pk, signed_on="i går")

    response = client_for(cast.imdi_admin).post(_register_url("4614"), data)

    assert response.context["form"].errors["signed_on"] == ["Skriv en gyldig dato som dd.mm.åååå."]


def test_a_second_signature_of_the_same_version_is_refused(cast, client_for):
    data = _signature_form(agreement=cast.agreement.pk)

    response = client_for(cast.imdi_admin).post(_register_url("4601"), data)

    assert response.status_code == 200
    assert "Bergen har allerede signert versjon" in response.content.decode()
    assert AgreementSignature.objects.filter(municipality=cast.bergen).count() == 1


# Publishing and listing versions


def test_agreement_list_shows_versions_and_how_many_signed(cast, client_for):
    response = client_for(cast.imdi_reader).get(LIST_URL)

    assert response.status_code == 200
    [agreement] = response.context["agreements"]
    assert agreement.signature_count == 2
    page = response.content.decode()
    assert cast.agreement.version in page
    assert reverse("organisations:agreement_download", kwargs={"pk": cast.agreement.pk}) in page
    assert "Publiser ny versjon" not in page


@pytest.mark.parametrize("who", ["bergen_admin", "stord_caseworker", "reception_staff"])
def test_agreement_list_is_closed_outside_imdi(cast, client_for, who):
    assert client_for(getattr(cast, who)).get(LIST_URL).status_code == 403


def test_imdi_admin_publishes_a_version_with_a_generated_pdf(cast, client_for):
    client = client_for(cast.imdi_admin)
    assert "Publiser ny versjon" in client.get(LIST_URL).content.decode()

    response = client.post(
        PUBLISH_URL,
        {
            "version": "2027-1",
            "title": "Revidert databehandleravtale for bosetting",
            "text": "Første avsnitt.\nAndre avsnitt.",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == LIST_URL
    agreement = DataProcessingAgreement.objects.get(version="2027-1")
    download = client.get(reverse("organisations:agreement_download", kwargs={"pk": agreement.pk}))
    reader = PdfReader(io.BytesIO(_body(download)))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Revidert databehandleravtale for bosetting" in text
    assert "Andre avsnitt." in text


def test_publishing_makes_bergen_lose_access_until_it_signs_the_new_version(cast, client_for):
    client = client_for(cast.imdi_admin)
    assert has_permission(_fresh(cast.bergen_caseworker), Permission.AUDIT_LOG_VIEW)

    client.post(
        PUBLISH_URL,
        {
            "version": "2027-1",
            "title": "Revidert databehandleravtale",
            "text": "Ny tekst.",
            "document": SimpleUploadedFile("avtale.pdf", SIGNED_PDF),
        },
    )

    assert not has_permission(_fresh(cast.bergen_caseworker), Permission.AUDIT_LOG_VIEW)
    new_version = DataProcessingAgreement.objects.get(version="2027-1")
    response = client.post(_register_url("4601"), _signature_form(agreement=new_version.pk))
    assert response.status_code == 302
    assert has_permission(_fresh(cast.bergen_caseworker), Permission.AUDIT_LOG_VIEW)


def test_publishing_refuses_a_file_that_is_not_a_pdf_and_keeps_the_text(cast, client_for):
    response = client_for(cast.imdi_admin).post(
        PUBLISH_URL,
        {
            "version": "2027-1",
            "title": "Revidert avtale",
            "text": "Teksten som skal stå igjen.",
            "document": SimpleUploadedFile("avtale.pdf", PNG),
        },
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Filen er ikke en PDF." in page
    assert "Teksten som skal stå igjen." in page
    assert not DataProcessingAgreement.objects.filter(version="2027-1").exists()


def test_publishing_an_existing_version_is_shown_on_the_version_field(cast, client_for):
    response = client_for(cast.imdi_admin).post(
        PUBLISH_URL, {"version": cast.agreement.version, "title": "T", "text": "Tekst."}
    )

    assert response.context["form"].errors["version"] == [
        f"Versjon {cast.agreement.version} finnes allerede."
    ]


@pytest.mark.parametrize("who", ["imdi_caseworker", "bergen_admin"])
def test_only_imdi_admins_publish(cast, client_for, who):
    client = client_for(getattr(cast, who))

    assert client.get(PUBLISH_URL).status_code == 403
    assert client.post(PUBLISH_URL, {"version": "x", "title": "t", "text": "t"}).status_code == 403


# Downloads


@pytest.mark.parametrize("who", ["imdi_reader", "stord_caseworker", "oslo_admin", "bergen_reader"])
def test_the_agreement_text_can_be_downloaded_by_imdi_and_every_municipality(cast, client_for, who):
    url = reverse("organisations:agreement_download", kwargs={"pk": cast.agreement.pk})

    response = client_for(getattr(cast, who)).get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert _body(response).startswith(b"%PDF-")


def test_reception_staff_cannot_download_the_agreement(cast, client_for):
    url = reverse("organisations:agreement_download", kwargs={"pk": cast.agreement.pk})

    assert client_for(cast.reception_staff).get(url).status_code == 403


@pytest.mark.parametrize("who", ["imdi_reader", "bergen_caseworker", "bergen_reader"])
def test_bergens_signed_document_is_served_to_imdi_and_bergen(cast, client_for, who):
    signature = AgreementSignature.objects.get(municipality=cast.bergen)
    url = reverse("organisations:signature_download", kwargs={"pk": signature.pk})

    response = client_for(getattr(cast, who)).get(url)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert _body(response) == b"%PDF-1.4 signert"


@pytest.mark.parametrize("who", ["oslo_caseworker", "oslo_admin", "stord_admin", "reception_staff"])
def test_bergens_signed_document_is_404_for_everyone_else(cast, client_for, who):
    signature = AgreementSignature.objects.get(municipality=cast.bergen)
    url = reverse("organisations:signature_download", kwargs={"pk": signature.pk})

    assert client_for(getattr(cast, who)).get(url).status_code == 404


# The municipality's own agreement page


def test_stord_is_told_it_has_not_signed_and_reaches_no_personal_data(cast, client_for):
    response = client_for(cast.stord_caseworker).get(OWN_URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Kommunen har ikke signert databehandleravtalen." in page
    assert "Ingen tilgang til personopplysninger" in page
    assert 'data-color="danger">Ikke signert</span>' in page
    assert reverse("organisations:agreement_download", kwargs={"pk": cast.agreement.pk}) in page
    assert "Kommunen har 1 aktiv kommuneadministrativ bruker." in page


def test_bergen_sees_its_signed_current_agreement(cast, client_for):
    response = client_for(cast.bergen_reader).get(OWN_URL)

    page = response.content.decode()
    assert 'data-color="success">Signert gjeldende versjon</span>' in page
    assert "har tilgang til personopplysninger" in page
    signature = AgreementSignature.objects.get(municipality=cast.bergen)
    assert reverse("organisations:signature_download", kwargs={"pk": signature.pk}) in page
    oslo_signature = AgreementSignature.objects.get(municipality=cast.oslo)
    assert reverse("organisations:signature_download", kwargs={"pk": oslo_signature.pk}) not in page


def test_a_municipality_that_signed_an_older_version_is_told_which(cast, client_for):
    client_for(cast.imdi_admin).post(
        PUBLISH_URL, {"version": "2027-1", "title": "Revidert avtale", "text": "Ny tekst."}
    )

    response = client_for(cast.oslo_caseworker).get(OWN_URL)

    page = response.content.decode()
    assert "Signert eldre versjon" in page
    assert (
        f"Kommunen har signert versjon {cast.agreement.version}, men ikke gjeldende versjon 2027-1."
        in page
    )


@pytest.mark.parametrize("who", ["imdi_admin", "imdi_reader", "reception_staff"])
def test_own_agreement_is_for_municipal_users(cast, client_for, who):
    assert client_for(getattr(cast, who)).get(OWN_URL).status_code == 403
