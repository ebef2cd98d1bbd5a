"""Writing transfer files: the tests' corrupted copies and the benchmark's 250,000 persons.

Invented data only. `generate` makes a large, valid set in the example set's municipalities
(Bergen 4601, Oslo 0301, Stord 4614); its persons live privately, so it needs no centre.
"""

from __future__ import annotations

import csv
import datetime
import random
from collections.abc import Iterable, Iterator
from pathlib import Path

from bosetting.cases.validators import make_national_id

from .format import FILES
from .reading import DELIMITER

EXAMPLE_DIR = Path(__file__).parent / "example"

Rows = Iterable[dict[str, str]]


def write_file(
    directory: Path,
    entity: str,
    rows: Rows,
    *,
    encoding: str = "utf-8",
    columns_left_out: set[str] | None = None,
) -> None:
    spec = next(spec for spec in FILES if spec.entity == entity)
    columns = [column for column in spec.required if column not in (columns_left_out or set())]
    with (directory / spec.filename).open("w", encoding=encoding, newline="") as out:
        writer = csv.DictWriter(out, fieldnames=columns, delimiter=DELIMITER, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def read_rows(directory: Path, entity: str) -> list[dict[str, str]]:
    with (directory / f"{entity}.csv").open(encoding="utf-8-sig", newline="") as source:
        return list(csv.DictReader(source, delimiter=DELIMITER))


GIVEN = ["Amina", "Yonas", "Sara", "Omar", "Hanna", "Ali", "Mariam", "Dawit", "Nour", "Ivan"]
FAMILY = ["Haile", "Rahimi", "Kovalenko", "Mahmoud", "Tesfay", "Noori", "Bondarenko", "Saleh"]
MUNICIPALITIES = ["4601", "0301", "4614"]


def generate(directory: Path, *, persons: int, cases: int, seed: int = 7) -> None:
    """A valid set of `persons` persons in `cases` cases; a quarter settled, a quarter matched,
    a quarter proposed, the rest ready. DUF numbers start with 9 to stay clear of other data."""
    rng = random.Random(seed)  # noqa: S311 -- invented data, the same on every run
    imdi, bergen = "generert.imdi@imdi.example", "generert.bergen@bergen.example"
    write_file(
        directory,
        "brukere",
        [
            _user("G1", imdi, "IMDi", "imdi_caseworker"),
            _user("G2", bergen, "4601", "municipal_caseworker"),
        ],
    )
    for entity in ("organisasjoner", "mottak", "anmodninger", "vedtak"):
        write_file(directory, entity, [])
    sizes = _household_sizes(rng, persons, cases)
    write_file(
        directory,
        "saker",
        ({"gammel_id": f"S{c}", "opprettet_dato": "2024-01-15"} for c in range(len(sizes))),
    )
    write_file(directory, "personer", _persons(rng, sizes))
    write_file(directory, "kartlegginger", _assessments(sizes))
    write_file(
        directory,
        "foresporsler",
        (
            {
                "gammel_id": f"F{c}",
                "kommunenummer": "4601",
                "sendt_dato": "2024-03-01",
                "svarfrist": "2024-03-08",
                "status": "sendt" if c % 4 == 2 else "besvart",
                "sendt_av": imdi,
            }
            for c in range(len(sizes))
            if c % 4 != 3
        ),
    )
    write_file(
        directory,
        "foresporsel_saker",
        (
            {
                "gammel_id": f"FS{c}",
                "foresporsel": f"F{c}",
                "sak": f"S{c}",
                "svar": "venter" if c % 4 == 2 else "ja",
                "begrunnelse": "",
                "utdyping": "",
                "besvart_dato": "" if c % 4 == 2 else "2024-03-05",
                "besvart_av": "" if c % 4 == 2 else bergen,
            }
            for c in range(len(sizes))
            if c % 4 != 3
        ),
    )
    write_file(
        directory,
        "bosettingsvedtak",
        (
            {
                "gammel_id": f"V{c}",
                "foresporsel_sak": f"FS{c}",
                "vedtaksdato": "2024-03-10",
                "vedtatt_av": imdi,
            }
            for c in range(len(sizes))
            if c % 4 in (0, 1)
        ),
    )
    write_file(directory, "bosettinger", _settlements(sizes))


def _user(legacy_id: str, email: str, organisation: str, roles: str) -> dict[str, str]:
    first, last = email.split("@")[0].split(".")
    return {
        "gammel_id": legacy_id,
        "epost": email,
        "fornavn": first.title(),
        "etternavn": last.title(),
        "organisasjon": organisation,
        "roller": roles,
    }


def _household_sizes(rng: random.Random, persons: int, cases: int) -> list[int]:
    sizes = [1] * cases
    for _ in range(persons - cases):
        sizes[rng.randrange(cases)] += 1
    return sizes


def _person_ids(sizes: list[int]) -> Iterator[tuple[int, int, str]]:
    number = 0
    for case, size in enumerate(sizes):
        for member in range(size):
            yield case, member, f"P{number}"
            number += 1


def _persons(rng: random.Random, sizes: list[int]) -> Iterator[dict[str, str]]:
    used: set[str] = set()
    for case, member, legacy_id in _person_ids(sizes):
        number = int(legacy_id[1:])
        adult = member < 2
        birth = datetime.date(1970 + rng.randrange(30) if adult else 2010 + rng.randrange(12), 1, 1)
        birth += datetime.timedelta(days=rng.randrange(365))
        # One in five has a national id: enough to exercise the check digits at scale.
        national_id = make_national_id(birth, start=number) if number % 5 == 0 else ""
        if national_id in used:
            national_id = ""  # two persons born the same day got the same number: leave it out
        used.add(national_id)
        yield {
            "gammel_id": legacy_id,
            "sak": f"S{case}",
            "relasjon": "head" if member == 0 else ("spouse" if member == 1 else "child"),
            "duf_nummer": f"9{number:011d}",
            "fodselsnummer": national_id,
            "fornavn": rng.choice(GIVEN),
            "etternavn": rng.choice(FAMILY),
            "fodselsdato": birth.isoformat(),
            "kjonn": rng.choice(["female", "male"]),
            "statsborgerskap": rng.choice(["AFG", "ERI", "SYR", "UKR"]),
            "sprak": rng.choice(["prs", "tir", "ara", "ukr,rus"]),
            "tolkesprak": "",
            "kategori": rng.choice(["resettlement", "asylum", "collective_protection"]),
            "bor": "private",
            "mottak": "",
            "reservert_forskning": "nei",
        }


def _assessments(sizes: list[int]) -> Iterator[dict[str, str]]:
    for _case, _member, legacy_id in _person_ids(sizes):
        yield {
            "gammel_id": f"K{legacy_id[1:]}",
            "person": legacy_id,
            "lagret_dato": "2024-02-01",
            "familie_i_norge": "nei",
            "familie_kommuner": "",
            "utdanningsniva": "primary",
            "skolear": "6",
            "arbeidsaar": "3",
            "norskniva": "A1",
            "saerskilte_behov": "none",
            "kjaeledyr": "nei",
            "hvilke_kjaeledyr": "",
            "merknad": "",
            "helse_samtykke": "nei",
            "samtykke_dato": "",
            "samtykke_tatt_av": "",
            "helseopplysninger": "",
        }


def _settlements(sizes: list[int]) -> Iterator[dict[str, str]]:
    for case, _member, legacy_id in _person_ids(sizes):
        if case % 4 == 0:
            yield {
                "gammel_id": f"B{legacy_id[1:]}",
                "person": legacy_id,
                "bosettingsdato": "2024-04-01",
            }
