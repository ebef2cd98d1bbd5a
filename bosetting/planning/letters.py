"""The request letter: what the municipality downloads and archives, so it must be a PDF/A."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils import timezone

from bosetting.core.pdf import render_pdf

from .models import SettlementRequest

IMDI_LETTERHEAD = "Integrerings- og mangfoldsdirektoratet (IMDi)"
IMDI_ADDRESS = "Postboks 4704 Torshov, 0421 Oslo · postmottak@imdi.no"


@dataclass(frozen=True)
class Letter:
    content: ContentFile
    sha256: str


def request_letter(request: SettlementRequest, *, version: int, reason: str = "") -> Letter:
    """The letter for `request` as its numbers stand now, for `version` (1 = first sending)."""
    pdf = render_pdf(
        "planning/pdf/request_letter.html",
        {
            "request": request,
            "municipality": request.municipality,
            "version": version,
            "reason": reason,
            "letter_date": timezone.localdate(),
            "letterhead": IMDI_LETTERHEAD,
            "address": IMDI_ADDRESS,
            "paragraphs": [
                line.strip() for line in request.cover_text.splitlines() if line.strip()
            ],
        },
    )
    name = f"anmodning-{request.year}-{request.municipality.number}-v{version}.pdf"
    return Letter(content=ContentFile(pdf, name=name), sha256=hashlib.sha256(pdf).hexdigest())
