"""The request letter: a PDF/A the municipality can archive, with its numbers and Norwegian text."""

from __future__ import annotations

import hashlib
import io
import re

import pypdf
import pytest

from bosetting.core.testing import pdf_font_problems, pdf_text
from bosetting.planning import actions

from .helpers import make_letters, send

pytestmark = pytest.mark.django_db


def _text(version) -> str:
    with version.letter.open("rb") as letter:
        content = letter.read()
    assert hashlib.sha256(content).hexdigest() == version.letter_sha256
    return pdf_text(content)


def test_letter_names_the_municipality_numbers_and_deadline_in_norwegian(cast):
    request = send(cast, cast.bergen, 250, 20)
    text = _text(request.versions.get())
    assert "Bergen kommune" in text
    assert "Integrerings- og mangfoldsdirektoratet" in text
    assert "enslige mindreårige" in text
    assert "Vi ber kommunen bosette flyktninger." in text
    assert "250" in text and "20" in text and "200" in text
    assert request.deadline.strftime("%d.%m.%Y") in text
    assert "kommunestyret behandler" in text and "journalføre" in text


def test_letter_is_pdf_a(cast):
    request = send(cast, cast.oslo, 600, 40)
    with request.versions.get().letter.open("rb") as letter:
        content = letter.read()
    metadata = pypdf.PdfReader(io.BytesIO(content)).xmp_metadata
    assert metadata is not None
    assert re.search(r"pdfaid:part[^0-9]*3", metadata.rdf_root.toxml())


def test_letter_embeds_every_font_it_uses_and_misses_no_glyph(cast):
    request = send(cast, cast.oslo, 600, 40)
    with request.versions.get().letter.open("rb") as letter:
        assert pdf_font_problems(letter.read()) == []


def test_adjusted_letter_gives_the_new_numbers_and_the_reason(cast):
    request = send(cast, cast.bergen, 250, 20)
    version = actions.adjust_request(
        by=cast.imdi_caseworker,
        request=request,
        places=180,
        unaccompanied_minors=15,
        planning_number_next_year=None,
        deadline=request.deadline,
        reason="Færre ankomster til Vestland",
    )
    make_letters()
    version.refresh_from_db()
    text = _text(version)
    assert "versjon 2" in text
    assert "180" in text
    assert "Færre ankomster til Vestland" in text
