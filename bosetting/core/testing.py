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
