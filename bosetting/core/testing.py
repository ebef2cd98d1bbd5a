"""Helpers for the test suite that several apps share."""

from typing import Any

from django.core.signals import request_finished
from django.db import close_old_connections


def close_response(response: Any) -> None:
    """Release a response's file without closing the test's database connection.

    response.close() sends request_finished, whose receiver closes the connection when it is
    inside a transaction: on PostgreSQL that ends the test's transaction. The test client
    disconnects the same receiver while it handles a request; this does the same here.
    """
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


def pdf_text(content: bytes) -> str:
    """The text of a PDF as a reader extracts it, with runs of white space made single spaces,
    so tests can look for phrases however the lines were broken."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def pdf_font_problems(content: bytes) -> list[str]:
    """What is wrong with the fonts of a PDF, for PDF/A and for the reader: every font not
    embedded, and every glyph drawn that the embedded font does not have (an empty box).

    WeasyPrint writes text as two-byte glyph ids of subsets that keep the original ids
    (Identity-H); a character no font covers gets .notdef (id 0) or an id past the font's
    last glyph, so both are looked for in every text operator of every page."""
    import io

    from fontTools.ttLib import TTFont
    from pypdf import PdfReader
    from pypdf.generic import ContentStream

    reader = PdfReader(io.BytesIO(content))
    problems: list[str] = []
    for number, page in enumerate(reader.pages, start=1):
        glyph_counts: dict[str, int] = {}
        resources: Any = page["/Resources"]
        fonts: Any = resources.get_object().get("/Font", {})
        for name, reference in fonts.items():
            font = reference.get_object()
            base = str(font.get("/BaseFont", name))
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant.get("/FontDescriptor")
            files = [
                key
                for key in ("/FontFile", "/FontFile2", "/FontFile3")
                if descriptor and key in descriptor.get_object()
            ]
            if not files:
                problems.append(f"page {number}: font {base} is not embedded")
                continue
            data = descriptor.get_object()[files[0]].get_object().get_data()
            try:
                glyph_counts[name] = TTFont(io.BytesIO(data))["maxp"].numGlyphs
            except Exception as error:  # a font program fontTools cannot read is a finding too
                problems.append(f"page {number}: font {base} cannot be read ({error})")
        current = ""
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"Tf":
                current = str(operands[0])
            elif operator in (b"Tj", b"TJ", b"'", b'"') and current in glyph_counts:
                strings = operands[0] if operator == b"TJ" else operands[-1:]
                for item in strings:
                    raw = getattr(item, "original_bytes", None)
                    if raw is None:
                        continue
                    for index in range(0, len(raw) - 1, 2):
                        glyph = int.from_bytes(raw[index : index + 2], "big")
                        if glyph == 0 or glyph >= glyph_counts[current]:
                            problems.append(
                                f"page {number}: font {fonts[current].get_object().get('/BaseFont')} "
                                f"has no glyph {glyph} (.notdef, an empty box)"
                            )
    return problems
