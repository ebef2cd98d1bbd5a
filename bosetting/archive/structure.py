"""What an archive package holds, in Noark 5's words: one saksmappe (the case, the request or
the proposal) with its journalposter, each with its documents as PDF/A files."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field

# Noark 5 code values (arkivstruktur's code lists), spelled as the standard spells them.
INCOMING = "Inngående dokument"
OUTGOING = "Utgående dokument"
INTERNAL = "Organinternt dokument uten oppfølging"
SENDER = "Avsender"
RECIPIENT = "Mottaker"
MAIN_DOCUMENT = "Hoveddokument"
ATTACHMENT = "Vedlegg"
FINISHED = "Dokumentet er ferdigstilt"
DRAFT = "Dokumentet er under redigering"
# PRONOM's identifier of PDF/A-3b, the variant every file of the package is written in.
PDF_A_3B = "fmt/480"


@dataclass
class ArchiveDocument:
    """One dokumentbeskrivelse. `content` is None when the file could not be made: the package
    then says why (`missing`), in the XML and in the overview, rather than leaving it out."""

    title: str
    filename: str
    document_type: str  # Noark dokumenttype: Brev, Vedtak, Kvittering, Notat, Dokument
    created: datetime.datetime
    content: bytes | None
    role: str = MAIN_DOCUMENT
    status: str = FINISHED
    missing: str = ""

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content or b"").hexdigest()

    @property
    def path(self) -> str:
        return f"dokumenter/{self.filename}"


@dataclass(frozen=True)
class Party:
    """A korrespondansepart: who sent or received the record."""

    role: str  # SENDER or RECIPIENT
    name: str


@dataclass
class Record:
    """One journalpost: something sent, received or written, on one date."""

    title: str
    record_type: str  # INCOMING, OUTGOING or INTERNAL, seen from the one who downloads
    date: datetime.date
    created: datetime.datetime
    created_by: str
    parties: list[Party] = field(default_factory=list)
    documents: list[ArchiveDocument] = field(default_factory=list)


@dataclass
class Folder:
    """The saksmappe: the object the package is made for."""

    folder_id: str  # the system's own reference, e.g. «Sak 000123», «F-000045»
    title: str
    created: datetime.datetime
    status: str  # Noark saksstatus
    unit: str  # administrativEnhet: the organisation the package is made for
    records: list[Record] = field(default_factory=list)

    def documents(self) -> list[ArchiveDocument]:
        return [document for record in self.records for document in record.documents]
