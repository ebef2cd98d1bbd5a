"""A case's package: the proposals' answers, IMDi's settlement decision and its letters, the
documents and the notes, each only as far as the user sees them on the case's page."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from bosetting.accounts.permissions import Permission, has_permission
from bosetting.cases.case_history import answers_visible_to, decision_of
from bosetting.cases.models import Case, CaseState, Document, Relation
from bosetting.cases.queries import documents_of, members_of, notes_of
from bosetting.distribution.models import DecisionLetter, ProposedCase, SettlementDecision

from . import documents as pdf
from .answers import answer_record, decision_receipt
from .letters import FAILED, decision_letter_content
from .parties import IMDI_NAME, Perspective, municipality_name, person_label
from .structure import (
    ATTACHMENT,
    INCOMING,
    INTERNAL,
    RECIPIENT,
    SENDER,
    ArchiveDocument,
    Folder,
    Party,
    Record,
)


def case_folder(user: Any, case: Case, perspective: Perspective) -> Folder:
    """`case` comes from cases.case_history.get_case_with_decision_for (scoped, decision loaded)."""
    folder = Folder(
        folder_id=_("Sak %(reference)s") % {"reference": case.reference},
        title=_("Bosetting av husstand, sak %(reference)s") % {"reference": case.reference},
        created=case.created_at,
        # Noark saksstatus: a settled household's case is closed.
        status="Avsluttet" if case.state == CaseState.SETTLED else "Under behandling",
        unit=perspective.unit,
    )
    answers = [
        item
        for item in answers_visible_to(user, case)
        if item.answer != ProposedCase.Answer.PENDING
    ]
    folder.records.extend(answer_record(item, perspective) for item in answers)
    decision = decision_of(case)
    if decision is not None and has_permission(
        user, Permission.DECISION_LETTER_VIEW, municipality=decision.municipality
    ):
        folder.records.append(_decision_record(case, decision, perspective))
    folder.records.extend(
        _document_record(document)
        for document in documents_of(case, user).select_related("uploaded_by")
    )
    notes = list(notes_of(case, user).order_by("written_at", "pk"))
    if notes:
        folder.records.append(_notes_record(case, notes, perspective))
    folder.records.sort(key=lambda record: record.created)
    return folder


def _decision_record(case: Case, decision: SettlementDecision, perspective: Perspective) -> Record:
    receiver = municipality_name(decision.municipality)
    head = next((person for person in members_of(case) if person.relation == Relation.HEAD), None)
    household = head.full_name if head is not None else _("Husstanden")
    record = Record(
        title=_("Vedtak om bosettingskommune for sak %(reference)s")
        % {"reference": case.reference},
        record_type=perspective.from_imdi,
        date=decision.decided_on,
        created=decision.decided_at,
        created_by=person_label(decision.decided_by),
        parties=[
            Party(SENDER, IMDI_NAME),
            Party(RECIPIENT, receiver),
            Party(RECIPIENT, household),
        ],
    )
    record.documents.append(decision_receipt(decision, case.reference))
    for letter in decision.letters.all():
        record.documents.append(_letter_document(case, letter))
    return record


def _letter_document(case: Case, letter: DecisionLetter) -> ArchiveDocument:
    content = decision_letter_content(letter)
    title = _("Vedtaksbrev for sak %(reference)s, %(recipient)s") % {
        "reference": case.reference,
        "recipient": letter.get_recipient_display().lower(),
    }
    if letter.is_translation:
        title += _(" (oversatt til %(language)s)") % {"language": letter.language_name.lower()}
    return ArchiveDocument(
        title=title,
        filename=letter.download_name,
        document_type="Brev",
        created=letter.created_at,
        content=content,
        role=ATTACHMENT,
        missing="" if content is not None else str(FAILED),
    )


def _document_record(document: Document) -> Record:
    """An uploaded document: received by whoever keeps the person file (a simplification: the
    system does not record who the document came from)."""
    with document.file.open("rb") as handle:
        original = handle.read()
    uploader = person_label(document.uploaded_by)
    content = pdf.uploaded_pdf(
        title=document.title,
        original_name=document.original_name,
        content_type=document.content_type,
        content=original,
        facts=[
            pdf.Fact(_("Sak"), document.case_reference),
            pdf.Fact(
                _("Gjelder"), document.person.full_name if document.person else _("Husstanden")
            ),
            pdf.Fact(_("Filnavn"), document.original_name),
            pdf.Fact(_("Lastet opp"), pdf.oslo_time(document.uploaded_at)),
            pdf.Fact(_("Lastet opp av"), uploader),
            pdf.Fact(_("SHA-256 for originalen"), document.sha256),
        ],
    )
    stem = document.original_name.rsplit(".", 1)[0] or "dokument"
    return Record(
        title=document.title,
        record_type=INCOMING,
        date=timezone.localdate(document.uploaded_at),
        created=document.uploaded_at,
        created_by=uploader,
        documents=[
            ArchiveDocument(
                title=document.title,
                filename=f"dokument-{document.pk}-{_slug(stem)}.pdf",
                document_type="Dokument",
                created=document.uploaded_at,
                content=content,
            )
        ],
    )


def _notes_record(case: Case, notes: list[Any], perspective: Perspective) -> Record:
    lines = [
        pdf.NoteLine(
            written=pdf.oslo_time(note.written_at),
            author=note.author_label,
            about=note.person.full_name if note.person else "",
            text=note.text,
        )
        for note in notes
    ]
    title = _("Notater i sak %(reference)s") % {"reference": case.reference}
    last: datetime.datetime = notes[-1].written_at
    return Record(
        title=title,
        record_type=INTERNAL,
        date=timezone.localdate(last),
        created=last,
        created_by=perspective.unit,
        documents=[
            ArchiveDocument(
                title=title,
                filename=f"notater-{case.reference}.pdf",
                document_type="Notat",
                created=last,
                content=pdf.notes_pdf(title=title, notes=lines),
            )
        ],
    )


def _slug(text: str) -> str:
    """A file name part in ASCII letters, digits and hyphens: archives' import tools differ in
    what they accept, and Norwegian letters in names are the first to break."""
    table = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})
    cleaned = "".join(c if c.isascii() and c.isalnum() else "-" for c in text.translate(table))
    return "-".join(part for part in cleaned.split("-") if part)[:40] or "dokument"
