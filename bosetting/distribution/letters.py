"""The settlement decision's letters: to the household and to the municipality, as PDF/A.

Always bokmål, whatever the sender's interface language: they are IMDi's official letters, and
the municipality archives its copy itself.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.files.base import ContentFile

from bosetting.cases.models import Person
from bosetting.core.pdf import render_pdf

from .models import DecisionLetter, SettlementDecision

IMDI_LETTERHEAD = "Integrerings- og mangfoldsdirektoratet (IMDi)"
IMDI_ADDRESS = "Postboks 4704 Torshov, 0421 Oslo · postmottak@imdi.no"


@dataclass(frozen=True)
class Letter:
    content: ContentFile
    sha256: str


def decision_letter(
    decision: SettlementDecision, *, recipient: str, members: list[Person]
) -> Letter:
    template = (
        "distribution/pdf/letter_household.html"
        if recipient == DecisionLetter.Recipient.HOUSEHOLD
        else "distribution/pdf/letter_municipality.html"
    )
    pdf = render_pdf(
        template,
        {
            "decision": decision,
            "municipality": decision.municipality,
            "members": members,
            "case": decision.case,
            "letterhead": IMDI_LETTERHEAD,
            "address": IMDI_ADDRESS,
        },
    )
    name = f"vedtak-bosettingskommune-{decision.case.reference}-{recipient}.pdf"
    return Letter(content=ContentFile(pdf, name=name), sha256=hashlib.sha256(pdf).hexdigest())
