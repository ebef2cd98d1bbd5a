"""The ZIP: arkivstruktur.xml, its schema, innhold.pdf (the table of contents) and every
document under dokumenter/. Built in memory: a package is a handful of letters and receipts,
and the largest part, an uploaded document, is at most the upload limit."""

from __future__ import annotations

import datetime
import io
import uuid
import zipfile
from dataclasses import dataclass

from django.utils import timezone

from . import documents as pdf
from .noark import SCHEMA_PATH, metadata_xml
from .structure import Folder


@dataclass(frozen=True)
class Package:
    filename: str
    content: bytes
    document_count: int
    missing_count: int


def _number_files(folder: Folder) -> None:
    """Unique names in the order of the records, so the folder lists as the case went."""
    for number, document in enumerate(folder.documents(), start=1):
        document.filename = f"{number:03d}-{document.filename}"


def build_package(
    folder: Folder, *, filename: str, made_at: datetime.datetime, made_by: str
) -> Package:
    """Gathered and written in one language (archive.actions.ARCHIVE_LANGUAGE)."""
    _number_files(folder)
    package_id = str(uuid.uuid4())
    xml = metadata_xml(folder, made_at=made_at, made_by=made_by, package_id=package_id)
    overview = pdf.overview_pdf(folder=folder, made_at=made_at, made_by=made_by)
    buffer = io.BytesIO()
    present = [document for document in folder.documents() if document.content is not None]
    # PDFs are compressed already; deflating them again costs time and gains nothing.
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("arkivstruktur.xml", xml)
        archive.write(SCHEMA_PATH, "arkivstruktur.xsd")
        archive.writestr(zipfile.ZipInfo("innhold.pdf", _stamp(made_at)), overview)
        for document in present:
            assert document.content is not None
            archive.writestr(zipfile.ZipInfo(document.path, _stamp(made_at)), document.content)
    return Package(
        filename=filename,
        content=buffer.getvalue(),
        document_count=len(present),
        missing_count=len(folder.documents()) - len(present),
    )


def _stamp(moment: datetime.datetime) -> tuple[int, int, int, int, int, int]:
    local = timezone.localtime(moment)  # ZIP times have no zone: Oslo's, as the interface
    return (local.year, local.month, local.day, local.hour, local.minute, local.second)
