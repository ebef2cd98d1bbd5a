"""The package's metadata, arkivstruktur.xml: Noark 5's arkivstruktur as far as it fits a
package of one saksmappe (docs/archive-package.md says where it follows and where not). Its
schema is schema/arkivstruktur.xsd, shipped in every package beside it."""

from __future__ import annotations

import datetime
import uuid
from pathlib import Path
from xml.etree import ElementTree as ET

from django.utils import timezone

from .structure import PDF_A_3B, ArchiveDocument, Folder, Record

NAMESPACE = "urn:bosetting:arkivpakke:1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "arkivstruktur.xsd"
SYSTEM = "Bosetting"
# systemIDs of the saksmappe and what it holds are derived from the system's own identities,
# so a package downloaded twice describes the same records with the same identifiers.
ID_ROOT = uuid.uuid5(uuid.NAMESPACE_URL, NAMESPACE)


def _stable_id(*parts: str) -> str:
    return str(uuid.uuid5(ID_ROOT, "/".join(parts)))


def _moment(value: datetime.datetime) -> str:
    return timezone.localtime(value).replace(microsecond=0).isoformat()


class _Writer:
    def __init__(self) -> None:
        ET.register_namespace("", NAMESPACE)
        ET.register_namespace("xsi", XSI)

    @staticmethod
    def child(parent: ET.Element, name: str, text: str | None = None) -> ET.Element:
        element = ET.SubElement(parent, f"{{{NAMESPACE}}}{name}")
        if text is not None:
            element.text = text
        return element


def metadata_xml(
    folder: Folder, *, made_at: datetime.datetime, made_by: str, package_id: str
) -> bytes:
    """The XML of `folder`; every document's file must already have its name in the package."""
    writer = _Writer()
    child = writer.child
    archive = ET.Element(f"{{{NAMESPACE}}}arkiv")
    archive.set(f"{{{XSI}}}schemaLocation", f"{NAMESPACE} arkivstruktur.xsd")
    child(archive, "systemID", package_id)
    child(archive, "tittel", f"{SYSTEM}: {folder.title}")
    child(archive, "arkivstatus", "Avsluttet")
    child(archive, "dokumentmedium", "Elektronisk arkiv")
    child(archive, "opprettetDato", _moment(made_at))
    child(archive, "opprettetAv", made_by)
    part = child(archive, "arkivdel")
    child(part, "systemID", _stable_id(package_id, "arkivdel"))
    child(part, "tittel", f"{SYSTEM}: {folder.unit}")
    child(part, "arkivdelstatus", "Avsluttet periode")
    child(part, "opprettetDato", _moment(made_at))
    child(part, "opprettetAv", made_by)
    _folder(writer, part, folder)
    ET.indent(archive)
    return ET.tostring(archive, encoding="utf-8", xml_declaration=True)


def _folder(writer: _Writer, parent: ET.Element, folder: Folder) -> None:
    child = writer.child
    element = child(parent, "mappe")
    element.set(f"{{{XSI}}}type", "saksmappe")
    child(element, "systemID", _stable_id(folder.folder_id))
    child(element, "mappeID", folder.folder_id)
    child(element, "tittel", folder.title)
    child(element, "opprettetDato", _moment(folder.created))
    child(element, "opprettetAv", SYSTEM)
    for number, record in enumerate(folder.records, start=1):
        _record(writer, element, folder, record, number)
    child(element, "saksdato", timezone.localdate(folder.created).isoformat())
    child(element, "administrativEnhet", folder.unit)
    child(element, "saksstatus", folder.status)


def _record(
    writer: _Writer, parent: ET.Element, folder: Folder, record: Record, number: int
) -> None:
    child = writer.child
    element = child(parent, "registrering")
    element.set(f"{{{XSI}}}type", "journalpost")
    child(
        element, "systemID", _stable_id(folder.folder_id, "journalpost", str(number), record.title)
    )
    child(element, "opprettetDato", _moment(record.created))
    child(element, "opprettetAv", record.created_by)
    for document_number, document in enumerate(record.documents, start=1):
        _document(writer, element, folder, record, document, document_number)
    child(element, "tittel", record.title)
    child(element, "journalposttype", record.record_type)
    child(element, "journaldato", record.date.isoformat())
    child(element, "dokumentetsDato", record.date.isoformat())
    for party in record.parties:
        correspondent = child(element, "korrespondansepart")
        child(correspondent, "korrespondanseparttype", party.role)
        child(correspondent, "korrespondansepartNavn", party.name)


def _document(
    writer: _Writer,
    parent: ET.Element,
    folder: Folder,
    record: Record,
    document: ArchiveDocument,
    number: int,
) -> None:
    child = writer.child
    element = child(parent, "dokumentbeskrivelse")
    child(element, "systemID", _stable_id(folder.folder_id, "dokument", document.filename))
    child(element, "dokumenttype", document.document_type)
    child(element, "dokumentstatus", document.status)
    child(element, "tittel", document.title)
    child(element, "opprettetDato", _moment(document.created))
    child(element, "opprettetAv", record.created_by)
    child(element, "tilknyttetRegistreringSom", document.role)
    child(element, "dokumentnummer", str(number))
    child(element, "tilknyttetDato", _moment(record.created))
    if document.content is None:
        # No file: the description says why instead, so nothing is left out unnoticed.
        note = child(element, "merknad")
        child(note, "merknadstekst", document.missing)
        child(note, "merknadstype", "Dokumentet mangler")
        child(note, "merknadsdato", _moment(timezone.now()))
        child(note, "merknadRegistrertAv", SYSTEM)
        return
    file = child(element, "dokumentobjekt")
    child(file, "versjonsnummer", "1")
    child(file, "variantformat", "Arkivformat")
    child(file, "format", PDF_A_3B)
    child(file, "formatDetaljer", "PDF/A-3b")
    child(file, "opprettetDato", _moment(document.created))
    child(file, "opprettetAv", record.created_by)
    child(file, "referanseDokumentfil", document.path)
    child(file, "sjekksum", document.sha256)
    child(file, "sjekksumAlgoritme", "SHA-256")
    child(file, "filstoerrelse", str(len(document.content)))
