"""Identity numbers and uploaded documents.

DUF numbers are UDI's 12-digit case numbers. A national id is a fødselsnummer or a D-nummer
(first digit plus 4): six digits of birth date, three individual digits, and two mod-11 check
digits. The century follows from the individual number (Skatteetaten's rules).
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.utils.translation import gettext as _

FIRST_WEIGHTS = (3, 7, 6, 1, 8, 9, 4, 5, 2)
SECOND_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)

# Documents in the person file: 10 MB is plenty for a scanned certificate or a photo.
MAX_DOCUMENT_SIZE = 10 * 1024 * 1024


def digits_only(value: str) -> str:
    """What the user typed, without the spaces and dots people group numbers with."""
    return "".join(ch for ch in value if not ch.isspace() and ch not in ".-")


def validate_duf_number(value: str) -> None:
    if len(value) != 12 or not value.isascii() or not value.isdigit():
        raise ValidationError(_("DUF-nummeret må ha 12 sifre."), code="invalid_duf")


def check_digit(digits: str, weights: tuple[int, ...]) -> int | None:
    """The mod-11 check digit for `digits`, or None when no digit fits (remainder 1)."""
    remainder = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    digit = (11 - remainder) % 11
    return None if digit == 10 else digit


def birth_date_from_national_id(value: str) -> datetime.date | None:
    """The birth date a fødselsnummer or D-nummer encodes, or None if it encodes none."""
    day, month, year = int(value[0:2]), int(value[2:4]), int(value[4:6])
    individual = int(value[6:9])
    if day > 40:  # D-nummer
        day -= 40
    if individual <= 499:
        century = 1900
    elif individual <= 749 and year >= 54:
        century = 1800
    elif year <= 39:
        century = 2000
    elif individual >= 900:
        century = 1900
    else:
        return None
    try:
        return datetime.date(century + year, month, day)
    except ValueError:
        return None


def validate_national_id(value: str) -> None:
    if len(value) != 11 or not value.isascii() or not value.isdigit():
        raise ValidationError(
            _("Fødselsnummer og D-nummer har 11 sifre."), code="invalid_national_id"
        )
    if check_digit(value[:9], FIRST_WEIGHTS) != int(value[9]) or check_digit(
        value[:10], SECOND_WEIGHTS
    ) != int(value[10]):
        raise ValidationError(
            _("Kontrollsifrene stemmer ikke. Sjekk fødselsnummeret eller D-nummeret."),
            code="invalid_check_digits",
        )
    if birth_date_from_national_id(value) is None:
        raise ValidationError(
            _("Fødselsnummeret eller D-nummeret inneholder ingen gyldig dato."),
            code="invalid_date",
        )


def is_d_number(value: str) -> bool:
    return len(value) == 11 and value[0] in "4567"


def make_national_id(birth_date: datetime.date, *, d_number: bool = False, start: int = 0) -> str:
    """A valid national id for `birth_date`: the first individual number from `start` that
    has both check digits. For demo and test data (invented persons only)."""
    year = birth_date.year
    if 1900 <= year <= 1999:
        candidates = range(0, 500)
    elif 2000 <= year <= 2039:
        candidates = range(500, 1000)
    else:
        raise ValueError("Only birth years 1900-2039 are supported.")
    day = birth_date.day + (40 if d_number else 0)
    stem = f"{day:02d}{birth_date.month:02d}{year % 100:02d}"
    for offset in range(len(candidates)):
        individual = candidates[(start + offset) % len(candidates)]
        first_nine = f"{stem}{individual:03d}"
        first = check_digit(first_nine, FIRST_WEIGHTS)
        if first is None:
            continue
        second = check_digit(f"{first_nine}{first}", SECOND_WEIGHTS)
        if second is None:
            continue
        return f"{first_nine}{first}{second}"
    raise ValueError("No individual number gives valid check digits.")  # pragma: no cover


@dataclass(frozen=True)
class SniffedDocument:
    content_type: str
    extension: str
    sha256: str
    size: int


# Magic numbers: the file's first bytes say what it is, whatever its name or the browser claims.
SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
)


def sniff_document(upload: File) -> SniffedDocument:
    """Accept PDF, JPEG and PNG up to MAX_DOCUMENT_SIZE, judged by content; refuse all else whole."""
    size = upload.size or 0
    if size > MAX_DOCUMENT_SIZE:
        raise ValidationError(
            _("Filen er for stor. Den kan være høyst %(limit)s MB."),
            code="too_large",
            params={"limit": MAX_DOCUMENT_SIZE // (1024 * 1024)},
        )
    if size == 0:
        raise ValidationError(_("Filen er tom."), code="empty")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for signature, content_type, extension in SIGNATURES:
        if head.startswith(signature):
            digest = hashlib.sha256()
            for chunk in upload.chunks():
                digest.update(chunk)
            upload.seek(0)
            return SniffedDocument(content_type, extension, digest.hexdigest(), size)
    raise ValidationError(
        _(
            "Filen er ikke en PDF, JPEG eller PNG. Andre filtyper kan ikke lastes opp. "
            "Lagre dokumentet som PDF eller bilde og prøv igjen."
        ),
        code="unsupported_type",
    )
