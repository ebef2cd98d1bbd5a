"""The person file: reads that must be logged, documents and notes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bosetting.accounts.permissions import Permission
from bosetting.audit.actions import record_event
from bosetting.audit.models import EventType

from ..models import (
    Case,
    Document,
    Note,
    Person,
)
from ..validators import sniff_document
from .common import (
    CaseError,
    _require,
    _user_label,
)

if TYPE_CHECKING:
    from bosetting.accounts.models import Actor


def record_file_view(*, by: Actor, case: Case, person: Person | None = None) -> None:
    """Opening a person file is itself logged: who looked at whom, and when."""
    _require(by, Permission.PERSON_FILE_VIEW, case)
    with transaction.atomic():
        record_event(
            by=by,
            event_type=EventType.PERSON_FILE_VIEWED,
            summary=_("Personmappe i sak %(reference)s åpnet") % {"reference": case.reference},
            obj=person if person is not None else case,
            municipality=case.municipality,
            details={"case_id": case.pk},
        )


def record_search(*, by: Actor, kind: str, result_count: int) -> None:
    """A search is logged with its kind and how many it found; the term itself never is."""
    _require(by, Permission.CASE_VIEW)
    with transaction.atomic():
        record_event(
            by=by,
            event_type=EventType.PERSON_SEARCHED,
            summary=_("Søk etter person: %(count)s treff") % {"count": result_count},
            # A municipality's own log shows its caseworkers' searches.
            municipality=by.own_municipality if by is not None else None,
            details={"kind": kind, "result_count": result_count},
        )


def upload_document(
    *, by: Actor, case: Case, title: str, upload: File, person: Person | None = None
) -> Document:
    _require(by, Permission.DOCUMENT_UPLOAD, case)
    from django.core.exceptions import ValidationError

    try:
        sniffed = sniff_document(upload)
    except ValidationError as error:
        raise CaseError(error.messages[0], field="file") from error
    if person is not None and person.case_id != case.pk:
        raise CaseError(_("Personen hører ikke til denne saken."), field="person")
    with transaction.atomic():
        document = Document(
            case=case,
            person=person,
            title=title.strip(),
            original_name=(upload.name or "dokument")[-255:],
            content_type=sniffed.content_type,
            size=sniffed.size,
            sha256=sniffed.sha256,
            uploaded_at=timezone.now(),
            uploaded_by=by,
        )
        document.file.save(f"dokument.{sniffed.extension}", upload, save=False)
        document.save()
        record_event(
            by=by,
            event_type=EventType.DOCUMENT_UPLOADED,
            summary=_("Dokument lastet opp i sak %(reference)s") % {"reference": case.reference},
            obj=document,
            municipality=case.municipality,
            details={"case_id": case.pk, "sha256": sniffed.sha256, "size": sniffed.size},
        )
    return document


def open_document(*, by: Actor, document: Document) -> File:
    """The stored file for download, with the download logged."""
    case = document.case
    _require(by, Permission.PERSON_FILE_VIEW, case)
    with transaction.atomic():
        record_event(
            by=by,
            event_type=EventType.DOCUMENT_DOWNLOADED,
            summary=_("Dokument lastet ned fra sak %(reference)s") % {"reference": case.reference},
            obj=document,
            municipality=case.municipality,
            details={"case_id": case.pk},
        )
    return document.file.open("rb")


def add_note(*, by: Actor, case: Case, text: str, person: Person | None = None) -> Note:
    _require(by, Permission.NOTE_WRITE, case)
    if not text.strip():
        raise CaseError(_("Skriv notatet."), field="text")
    # A note about a person of another case would be shown in that case's file, to its readers.
    if person is not None and person.case_id != case.pk:
        raise CaseError(_("Personen hører ikke til denne saken."), field="person")
    with transaction.atomic():
        note = Note.objects.create(
            case=case,
            person=person,
            text=text.strip(),
            written_at=timezone.now(),
            author=by,
            author_label=_user_label(by),
        )
        record_event(
            by=by,
            event_type=EventType.NOTE_ADDED,
            summary=_("Notat skrevet i sak %(reference)s") % {"reference": case.reference},
            obj=note,
            municipality=case.municipality,
            details={"case_id": case.pk},
        )
    return note
