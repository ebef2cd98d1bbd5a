"""Checks of uploaded documents: agreements are archived and sent on, so they must be real PDF files."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.utils.translation import gettext as _

PDF_SIGNATURE = b"%PDF-"


def validate_pdf_document(upload: File) -> None:
    """Refuse files over settings.MAX_DOCUMENT_SIZE and files that do not start as a PDF does.

    The file's name and the browser's content type say nothing: only the content is checked.
    """
    limit = settings.MAX_DOCUMENT_SIZE
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("Filen er for stor. Den kan være høyst %(limit)s MB."),
            code="too_large",
            params={"limit": limit // (1024 * 1024)},
        )
    upload.seek(0)
    head = upload.read(len(PDF_SIGNATURE))
    upload.seek(0)
    if head != PDF_SIGNATURE:
        raise ValidationError(
            _("Filen er ikke en PDF. Last opp dokumentet som PDF-fil."), code="not_pdf"
        )
