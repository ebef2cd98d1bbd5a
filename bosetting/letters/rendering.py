"""A letter as PDF/A from a template version and the values of its placeholders."""

from __future__ import annotations

from bosetting.core.pdf import render_pdf

from .languages import direction, html_lang
from .models import LetterTemplateVersion
from .placeholders import blocks, fill

IMDI_LETTERHEAD = "Integrerings- og mangfoldsdirektoratet (IMDi)"
IMDI_ADDRESS = "Postboks 4704 Torshov, 0421 Oslo · postmottak@imdi.no"


def render_letter(
    version: LetterTemplateVersion,
    *,
    values: dict[str, str],
    persons: list[tuple[str, str, str]],
) -> bytes:
    """`values` fill the inline placeholders ({lovhjemmel} comes from the version itself);
    `persons` are the rows of {personer}: name, DUF number, birth date as shown."""
    values = {**values, "lovhjemmel": fill(version.legal_basis, values)}
    language = version.template.language
    return render_pdf(
        "letters/pdf/letter.html",
        {
            "lang": html_lang(language),
            "dir": direction(language),
            "title": fill(version.title, values),
            "blocks": blocks(version.body, values),
            "columns": version.columns,
            "persons": persons,
            "letterhead": IMDI_LETTERHEAD,
            "address": IMDI_ADDRESS,
            # Which text the letter was made from, for whoever reads the archived copy.
            "template_reference": version.reference,
        },
    )
