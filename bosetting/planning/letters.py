"""The request letter: what the municipality downloads and archives, so it must be a PDF/A."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils import timezone

from bosetting.core.pdf import render_pdf

from .models import SettlementRequestVersion

IMDI_LETTERHEAD = "Integrerings- og mangfoldsdirektoratet (IMDi)"
IMDI_ADDRESS = "Postboks 4704 Torshov, 0421 Oslo · postmottak@imdi.no"


@dataclass(frozen=True)
class Letter:
    content: ContentFile
    sha256: str


def request_letter(version: SettlementRequestVersion) -> Letter:
    """The letter of `version` (1 = first sending) with the numbers it was sent with, dated the
    day it was made: the same letter whenever the task worker gets to it."""
    request = version.request
    pdf = render_pdf(
        "planning/pdf/request_letter.html",
        {
            "request": {
                "year": request.year,
                "places": version.places,
                "unaccompanied_minors": version.unaccompanied_minors,
                "planning_number_next_year": version.planning_number_next_year,
                "deadline": version.deadline,
            },
            "municipality": request.municipality,
            "version": version.number,
            "reason": version.reason,
            "letter_date": timezone.localdate(version.created_at),
            "letterhead": IMDI_LETTERHEAD,
            "address": IMDI_ADDRESS,
            "paragraphs": [
                line.strip() for line in version.cover_text.splitlines() if line.strip()
            ],
        },
    )
    name = f"anmodning-{request.year}-{request.municipality.number}-v{version.number}.pdf"
    return Letter(content=ContentFile(pdf, name=name), sha256=hashlib.sha256(pdf).hexdigest())
