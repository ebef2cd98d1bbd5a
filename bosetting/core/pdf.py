"""PDF from HTML with WeasyPrint, as PDF/A so municipalities can archive what they download."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string


def render_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    from weasyprint import HTML  # imported late: it loads fonts and is slow to import

    html = render_to_string(template_name, context)
    return HTML(string=html).write_pdf(pdf_variant="pdf/a-3b")
