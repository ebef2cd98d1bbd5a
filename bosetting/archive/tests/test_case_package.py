"""The case's archive package: letters, receipts, documents and notes, each PDF/A, described in
an arkivstruktur.xml that fits the shipped schema, and each download in the audit log."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bosetting.audit.models import AuditEvent, EventType
from bosetting.core.testing import pdf_font_problems, pdf_text
from bosetting.distribution.actions import decide_settlement
from bosetting.distribution.models import DecisionLetter
from bosetting.distribution.tests.helpers import accepted, ready_case
from bosetting.letters.models import LetterState

from .helpers import NORWEGIAN_NOTE, NS, checked_package, settled_case, titles

pytestmark = pytest.mark.django_db


def _download(client, case):
    response = client.get(reverse("archive:case_package", args=[case.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert f"arkivpakke-sak-{case.reference}.zip" in response["Content-Disposition"]
    return response.content


def test_settled_case_package_holds_every_letter_receipt_document_and_note(cast, client_for):
    case = settled_case(cast)
    files, xml = checked_package(_download(client_for(cast.bergen_caseworker), case))
    letters = DecisionLetter.objects.filter(decision__case=case)
    for letter in letters:
        with letter.file.open("rb") as stored:
            assert (
                files[next(n for n in files if n.endswith(letter.download_name))] == stored.read()
            )
    recorded = titles(xml)
    assert "Svar på forespørsel" in recorded[0]
    assert f"Vedtak om bosettingskommune for sak {case.reference}" in recorded
    assert "Leiekontrakt" in recorded and "Skannet attest for Åse" in recorded
    assert f"Notater i sak {case.reference}" in recorded
    assert xml.findtext(".//n:saksstatus", namespaces=NS) == "Avsluttet"
    # Seen from Bergen, IMDi's decision came in and Bergen's answer went out.
    types = {
        record.findtext("n:tittel", namespaces=NS): record.findtext(
            "n:journalposttype", namespaces=NS
        )
        for record in xml.iterfind(".//n:registrering", NS)
    }
    assert types[f"Vedtak om bosettingskommune for sak {case.reference}"] == "Inngående dokument"
    assert types[recorded[0]] == "Utgående dokument"
    assert xml.find(".//n:merknad", NS) is None


def test_notes_keep_norwegian_letters_with_every_glyph_embedded(cast, client_for):
    case = settled_case(cast)
    files, _xml = checked_package(_download(client_for(cast.bergen_caseworker), case))
    [notes] = [content for name, content in files.items() if "notater-" in name]
    text = pdf_text(notes)
    assert " ".join(NORWEGIAN_NOTE.split()) in text
    assert "Nøkler hentes fredag." in text
    assert pdf_font_problems(notes) == []


def test_every_download_is_an_audit_event(cast, client_for):
    case = settled_case(cast)
    _download(client_for(cast.imdi_caseworker), case)
    event = AuditEvent.objects.get(event_type=EventType.ARCHIVE_PACKAGE_DOWNLOADED)
    assert event.actor == cast.imdi_caseworker
    assert event.object_id == str(case.pk)
    assert event.municipality == cast.bergen
    assert event.details["missing"] == 0


def test_a_case_without_letters_gets_a_valid_package_that_says_so(cast, client_for):
    case = ready_case()
    files, xml = checked_package(_download(client_for(cast.imdi_caseworker), case))
    assert titles(xml) == []
    assert set(files) == {"arkivstruktur.xml", "arkivstruktur.xsd", "innhold.pdf"}
    assert "ingen brev eller dokumenter" in pdf_text(files["innhold.pdf"])


def test_a_letter_the_worker_has_not_made_is_made_for_the_package(cast, client_for):
    item = accepted(cast, ready_case())
    decide_settlement(
        by=cast.imdi_caseworker, proposed_cases=[item], decided_on=item.answered_at.date()
    )
    assert set(DecisionLetter.objects.values_list("state", flat=True)) == {LetterState.PENDING}
    files, _xml = checked_package(_download(client_for(cast.bergen_caseworker), item.case))
    letters = DecisionLetter.objects.all()
    assert {letter.state for letter in letters} == {LetterState.READY}
    for letter in letters:
        [name] = [n for n in files if n.endswith(letter.download_name)]
        with letter.file.open("rb") as stored:
            assert files[name] == stored.read()


def test_a_failed_letter_is_named_in_the_package_with_the_reason(cast, client_for):
    case = settled_case(cast)
    failed = DecisionLetter.objects.filter(decision__case=case).first()
    DecisionLetter.objects.filter(pk=failed.pk).update(state=LetterState.FAILED)
    files, xml = checked_package(_download(client_for(cast.bergen_caseworker), case))
    assert not any(name.endswith(failed.download_name) for name in files)
    reason = xml.findtext(".//n:merknad/n:merknadstekst", namespaces=NS)
    assert "kunne ikke lages" in reason
    assert "kunne ikke lages" in pdf_text(files["innhold.pdf"])
    event = AuditEvent.objects.get(event_type=EventType.ARCHIVE_PACKAGE_DOWNLOADED)
    assert event.details["missing"] == 1


def test_an_uploaded_pdf_is_kept_unchanged_inside_its_pdf_a(cast, client_for):
    import io

    import pypdf

    from bosetting.planning.tests.factories import MINIMAL_PDF

    case = settled_case(cast)
    files, _xml = checked_package(_download(client_for(cast.bergen_caseworker), case))
    [wrapped] = [content for name, content in files.items() if "leiekontrakt" in name]
    attachments = pypdf.PdfReader(io.BytesIO(wrapped)).attachments
    assert attachments == {"leiekontrakt.pdf": [MINIMAL_PDF]}


def test_reception_staff_get_no_letters_or_answers_only_what_their_page_shows(cast, client_for):
    from bosetting.cases import actions as case_actions

    case = ready_case(centre=cast.centre)
    case_actions.add_note(
        by=cast.reception_staff, case=case, text="Familien ønsker å bo nær sjøen."
    )
    item = accepted(cast, case)
    decide_settlement(
        by=cast.imdi_caseworker, proposed_cases=[item], decided_on=item.answered_at.date()
    )
    files, xml = checked_package(_download(client_for(cast.reception_staff), case))
    assert titles(xml) == [f"Notater i sak {case.reference}"]
    assert not any("vedtak" in name for name in files)
    # Nothing was made for a package that holds no letter.
    assert set(DecisionLetter.objects.values_list("state", flat=True)) == {LetterState.PENDING}
