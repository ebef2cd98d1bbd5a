"""Checks of organisation numbers and of uploaded documents.

An organisasjonsnummer is Enhetsregisteret's 9-digit number: eight digits and a mod-11 check
digit (weights 3, 2, 7, 6, 5, 4, 3, 2); no number is given where the check digit would be 10.
Agreements are archived and sent on, so uploaded ones must be real PDF files.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.utils.translation import gettext as _

PDF_SIGNATURE = b"%PDF-"
ORGANISATION_NUMBER_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def organisation_number_check_digit(first_eight: str) -> int | None:
    """The check digit that completes `first_eight`, or None when no number starts so."""
    total = sum(int(d) * w for d, w in zip(first_eight, ORGANISATION_NUMBER_WEIGHTS, strict=True))
    digit = (11 - total % 11) % 11
    return None if digit == 10 else digit


def validate_organisation_number(value: str) -> None:
    if len(value) != 9 or not value.isascii() or not value.isdigit():
        raise ValidationError(
            _("Organisasjonsnummeret må ha 9 sifre."), code="invalid_organisation_number"
        )
    if organisation_number_check_digit(value[:8]) != int(value[8]):
        raise ValidationError(
            _("Kontrollsifferet stemmer ikke. Sjekk organisasjonsnummeret."),
            code="invalid_check_digit",
        )


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
