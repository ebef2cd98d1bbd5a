"""PDF from HTML with WeasyPrint, as PDF/A so municipalities can archive what they download.

WeasyPrint fetches what a document refers to. A letter holds text typed by users (names, cover
texts), so rendering may reach nothing but the project's own static files and inline data: no
network, and no `file:` outside the static folders.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string


def static_roots() -> list[Path]:
    """The folders static files are found in: the project's and every app's."""
    roots = [Path(location).resolve() for location in settings.STATICFILES_DIRS]
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            location = getattr(storage, "location", None)
            if location:
                roots.append(Path(location).resolve())
    return list(dict.fromkeys(roots))


class ResourceRefused(ValueError):
    """A document asked for something outside the project's own static files."""


def _own_file(url: str) -> Path:
    parts = urlsplit(url)
    path = Path(unquote(parts.path)).resolve()
    if parts.netloc not in ("", "localhost") or not any(
        path.is_relative_to(root) for root in static_roots()
    ):
        raise ResourceRefused(f"Refused {url}: only the project's static files may be read.")
    return path


def _fetcher() -> Any:
    from weasyprint.urls import URLFetcher  # imported late: WeasyPrint loads fonts on import

    class OwnFilesOnly(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("file:"):
                _own_file(url)
            return super().fetch(url, headers)

    return OwnFilesOnly(allowed_protocols={"data", "file"}, allow_redirects=False)


def static_url(path: str) -> str:
    """A `file:` address of one of the project's static files, for use inside a PDF template."""
    found = finders.find(path)
    if not found:
        raise FileNotFoundError(path)
    return Path(found).resolve().as_uri()


@dataclass(frozen=True)
class EmbeddedFile:
    """A file carried inside a PDF/A-3 as an associated file: an archive package keeps an
    uploaded PDF this way, unchanged, as the source of the PDF/A page that describes it."""

    name: str
    content: bytes
    description: str
    relationship: str = "Source"  # ISO 32000-2 7.11.3: what the file is to the document


def render_pdf(
    template_name: str, context: dict[str, Any], *, embedded: Sequence[EmbeddedFile] = ()
) -> bytes:
    return render_html_pdf(render_to_string(template_name, context), embedded=embedded)


def render_html_pdf(html: str, *, embedded: Sequence[EmbeddedFile] = ()) -> bytes:
    from weasyprint import HTML, Attachment

    attachments = [
        Attachment(
            string=item.content,
            name=item.name,
            description=item.description,
            relationship=item.relationship,
        )
        for item in embedded
    ]
    pdf: bytes = HTML(string=html, url_fetcher=_fetcher()).write_pdf(
        pdf_variant="pdf/a-3b", attachments=attachments
    )
    return pdf


# A map's hover titles (one per municipality, without attributes; the map's own title has an id).
_HOVER_TITLES = re.compile(r"<title>[^<]*</title>")


def svg_image_src(svg: str) -> str:
    """An inline SVG (a map) as an `<img src>` for a PDF template: WeasyPrint draws it as vectors.
    The hover titles are left out: paper has no hover, an image's inner titles reach no reader,
    and WeasyPrint spent a fifth of a national map's time on them."""
    drawn = _HOVER_TITLES.sub("", svg)
    return "data:image/svg+xml;base64," + base64.b64encode(drawn.encode("utf-8")).decode("ascii")
