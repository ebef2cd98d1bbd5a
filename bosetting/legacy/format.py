"""The files of a transfer from the old system: names, columns and the order they are read in.

docs/import-format.md describes each column for the people who export the data; this module is
what the import checks against. Every file has the old system's id in `gammel_id`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FileSpec:
    entity: str  # the file's name without ".csv", also LegacyReference.entity
    required: tuple[str, ...]  # columns that must be present (their values may still be optional)
    # Free-text columns whose values may run over several lines; every other value is one line.
    multi_line: frozenset[str] = frozenset()

    @property
    def filename(self) -> str:
        return f"{self.entity}.csv"


# IMDi's and the municipalities' organisation numbers, keyed by what brukere.csv calls the
# organisation: they exist before the import (load_municipalities), so they have no gammel_id.
ORGANISATIONS = FileSpec("organisasjoner", ("organisasjon", "organisasjonsnummer"))
CENTRES = FileSpec("mottak", ("gammel_id", "navn", "type", "kommunenummer", "organisasjonsnummer"))
USERS = FileSpec(
    "brukere", ("gammel_id", "epost", "fornavn", "etternavn", "organisasjon", "roller")
)
REQUESTS = FileSpec(
    "anmodninger",
    (
        "gammel_id",
        "aar",
        "kommunenummer",
        "antall",
        "herav_enslige_mindreaarige",
        "planleggingstall_neste_aar",
        "svarfrist",
        "sendt_dato",
        "sendt_av",
    ),
)
DECISIONS = FileSpec(
    "vedtak",
    (
        "gammel_id",
        "anmodning",
        "antall",
        "tar_enslige_mindreaarige",
        "herav_enslige_mindreaarige",
        "kommunestyrets_vedtaksdato",
        "status",
        "registrert_av",
    ),
)
CASES = FileSpec("saker", ("gammel_id", "opprettet_dato"))
PERSONS = FileSpec(
    "personer",
    (
        "gammel_id",
        "sak",
        "relasjon",
        "duf_nummer",
        "fodselsnummer",
        "fornavn",
        "etternavn",
        "fodselsdato",
        "kjonn",
        "statsborgerskap",
        "sprak",
        "tolkesprak",
        "kategori",
        "bor",
        "mottak",
        "reservert_forskning",
    ),
)
ASSESSMENTS = FileSpec(
    "kartlegginger",
    (
        "gammel_id",
        "person",
        "lagret_dato",
        "familie_i_norge",
        "familie_kommuner",
        "utdanningsniva",
        "skolear",
        "arbeidsaar",
        "norskniva",
        "saerskilte_behov",
        "kjaeledyr",
        "hvilke_kjaeledyr",
        "merknad",
        "helse_samtykke",
        "samtykke_dato",
        "samtykke_tatt_av",
        "helseopplysninger",
    ),
    multi_line=frozenset({"merknad", "helseopplysninger"}),
)
PROPOSALS = FileSpec(
    "foresporsler",
    ("gammel_id", "kommunenummer", "sendt_dato", "svarfrist", "status", "sendt_av"),
)
PROPOSED_CASES = FileSpec(
    "foresporsel_saker",
    (
        "gammel_id",
        "foresporsel",
        "sak",
        "svar",
        "begrunnelse",
        "utdyping",
        "besvart_dato",
        "besvart_av",
    ),
    multi_line=frozenset({"utdyping"}),
)
SETTLEMENT_DECISIONS = FileSpec(
    "bosettingsvedtak", ("gammel_id", "foresporsel_sak", "vedtaksdato", "vedtatt_av")
)
SETTLEMENTS = FileSpec("bosettinger", ("gammel_id", "person", "bosettingsdato"))

# Read, checked and written in this order: each file refers only to those before it.
FILES: tuple[FileSpec, ...] = (
    ORGANISATIONS,
    CENTRES,
    USERS,
    REQUESTS,
    DECISIONS,
    CASES,
    PERSONS,
    ASSESSMENTS,
    PROPOSALS,
    PROPOSED_CASES,
    SETTLEMENT_DECISIONS,
    SETTLEMENTS,
)

# How the old system writes a yes or a no, IMDi, and the words it uses for states and answers.
IMDI_NAMES = {"imdi"}
YES = {"ja", "j", "1", "true"}
NO = {"nei", "n", "0", "false", ""}
DECISION_STATES = {"godkjent": "approved", "kvittert": "acknowledged"}
PROPOSAL_STATES = {
    "sendt": "sent",
    "besvart": "answered",
    "utlopt": "expired",
    "trukket": "withdrawn",
}
ANSWERS = {
    "venter": "pending",
    "ja": "accepted",
    "nei": "declined",
    "trukket": "withdrawn",
    "utlopt": "expired",
}
