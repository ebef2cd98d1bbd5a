"""The package's own PDF/A files: receipts of answers and decisions, the notes, the proposal as
the municipality saw it, and uploaded documents made archivable. Each is one PDF/A-3b made by
WeasyPrint with the letters' fonts (bosetting.core.pdf)."""

from __future__ import annotations

import base64
import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from bosetting.core.pdf import EmbeddedFile, render_pdf

from .parties import IMDI_NAME


@dataclass(frozen=True)
class Fact:
    label: str
    value: str


def oslo_time(moment: datetime.datetime | None) -> str:
    """dd.mm.åååå kl. tt:mm, Europe/Oslo (the project's settings zone)."""
    if moment is None:
        return ""
    return date_format(timezone.localtime(moment), "d.m.Y \\k\\l. H:i")


def oslo_date(day: datetime.date | None) -> str:
    return date_format(day, "d.m.Y") if day is not None else ""


def _render(template: str, context: dict[str, Any], **kwargs: Any) -> bytes:
    return render_pdf(template, {"letterhead": IMDI_NAME, **context}, **kwargs)


def receipt_pdf(*, title: str, intro: str, facts: Sequence[Fact]) -> bytes:
    """A receipt: what was answered or decided, when and by whom, as the system recorded it."""
    return _render(
        "archive/pdf/receipt.html",
        {"title": title, "intro": intro, "facts": facts},
    )


@dataclass(frozen=True)
class NoteLine:
    written: str
    author: str
    about: str
    text: str


def notes_pdf(*, title: str, notes: Sequence[NoteLine]) -> bytes:
    return _render("archive/pdf/notes.html", {"title": title, "notes": notes})


def proposal_pdf(*, title: str, facts: Sequence[Fact], cases: Sequence[Any]) -> bytes:
    """The proposal with each case's anonymised summary (bosetting.cases.summary), as sent."""
    return _render(
        "archive/pdf/proposal.html",
        {"title": title, "facts": facts, "cases": cases},
    )


def uploaded_pdf(
    *, title: str, original_name: str, content_type: str, content: bytes, facts: Sequence[Fact]
) -> bytes:
    """An uploaded file as PDF/A. An image becomes the page itself. A PDF is kept unchanged as
    the PDF/A-3 file's embedded source: the system cannot prove an uploaded PDF is PDF/A, nor
    convert one faithfully, so the archived copy is the original inside a valid PDF/A."""
    image = ""
    embedded: list[EmbeddedFile] = []
    if content_type.startswith("image/"):
        image = f"data:{content_type};base64,{base64.b64encode(content).decode('ascii')}"
    else:
        embedded.append(
            EmbeddedFile(
                name=original_name or "original.pdf",
                content=content,
                description=_("Den opplastede filen, uendret"),
            )
        )
    return _render(
        "archive/pdf/uploaded.html",
        {
            "title": title,
            "facts": facts,
            "image": image,
            "embedded_name": embedded[0].name if embedded else "",
        },
        embedded=embedded,
    )


def overview_pdf(*, folder: Any, made_at: datetime.datetime, made_by: str) -> bytes:
    """The package's table of contents, and every document that is missing, with why."""
    return _render(
        "archive/pdf/overview.html",
        {
            "folder": folder,
            "made_at": oslo_time(made_at),
            "made_by": made_by,
        },
    )
