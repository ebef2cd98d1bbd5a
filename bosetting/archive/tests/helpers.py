"""Objects to package, made through the actions as the screens make them, and the checks every
package must pass: each PDF is PDF/A, each checksum matches its file, the XML fits the schema."""

from __future__ import annotations

import hashlib
import io
import re
import struct
import zipfile
import zlib
from typing import Any

import pypdf
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from lxml import etree

from bosetting.archive.noark import NAMESPACE, SCHEMA_PATH
from bosetting.cases import actions as case_actions
from bosetting.cases.models import Case, Person
from bosetting.core.testing import pdf_font_problems
from bosetting.distribution.tests.helpers import accept_and_decide, ready_case
from bosetting.planning.tests.factories import MINIMAL_PDF
from bosetting.settlement.actions import register_settlement

NS = {"n": NAMESPACE}
NORWEGIAN_NOTE = (
    "Ærlige Åse og Øystein møtte familien på kontoret: «Blåbærsyltetøy på bærtur i Ålesund»."
)


def png() -> bytes:
    """A 2×2 red PNG, written by hand so the test needs no image library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def settled_case(cast: Any) -> Case:
    """A household proposed to Bergen, accepted, decided, with its letters, a scanned image and a
    PDF uploaded, notes in Norwegian, and every member settled."""
    case = accept_and_decide(
        cast, ready_case(children=1, given_names="Amina", family_name="Haddad")
    )
    worker = cast.bergen_caseworker
    case_actions.upload_document(
        by=worker,
        case=case,
        title="Leiekontrakt",
        upload=SimpleUploadedFile("leiekontrakt.pdf", MINIMAL_PDF, content_type="application/pdf"),
    )
    case_actions.upload_document(
        by=worker,
        case=case,
        title="Skannet attest for Åse",
        upload=SimpleUploadedFile("attest-æøå.png", png(), content_type="image/png"),
    )
    case_actions.add_note(by=worker, case=case, text=NORWEGIAN_NOTE)
    case_actions.add_note(
        by=worker, case=case, text="Bolig i Årstad er klar.\nNøkler hentes fredag."
    )
    register_settlement(
        by=worker,
        persons=list(Person.objects.filter(case=case)),
        settled_on=timezone.localdate(),
    )
    case.refresh_from_db()
    return case


def unzip(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


def is_pdf_a(content: bytes) -> bool:
    metadata = pypdf.PdfReader(io.BytesIO(content)).xmp_metadata
    return metadata is not None and bool(
        re.search(r"pdfaid:part[^0-9]*3", metadata.rdf_root.toxml())
    )


def checked_package(content: bytes) -> tuple[dict[str, bytes], Any]:
    """The package's files and its parsed XML, after every check the archive would make."""
    files = unzip(content)
    assert {"arkivstruktur.xml", "arkivstruktur.xsd", "innhold.pdf"} <= set(files)
    schema = etree.XMLSchema(etree.fromstring(files["arkivstruktur.xsd"]))
    assert files["arkivstruktur.xsd"] == SCHEMA_PATH.read_bytes()
    xml = etree.fromstring(files["arkivstruktur.xml"])
    schema.assertValid(xml)
    pdfs = [name for name in files if name.endswith(".pdf")]
    assert pdfs
    for name in pdfs:
        assert is_pdf_a(files[name]), name
        # PDF/A embeds every font it draws with, and no name or note may print as empty boxes.
        assert pdf_font_problems(files[name]) == [], name
    referenced = set()
    for file in xml.iterfind(".//n:dokumentobjekt", NS):
        path = file.findtext("n:referanseDokumentfil", namespaces=NS)
        assert file.findtext("n:sjekksumAlgoritme", namespaces=NS) == "SHA-256"
        assert hashlib.sha256(files[path]).hexdigest() == file.findtext("n:sjekksum", namespaces=NS)
        assert int(file.findtext("n:filstoerrelse", namespaces=NS)) == len(files[path])
        referenced.add(path)
    # Every document in the package is described, and nothing described is absent.
    assert referenced == {name for name in files if name.startswith("dokumenter/")}
    return files, xml


def titles(xml: Any) -> list[str]:
    return [element.text for element in xml.iterfind(".//n:registrering/n:tittel", NS)]
