"""Each check of cases, persons and assessments (checks/cases.py) refuses its bad input where it is."""

from __future__ import annotations

import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest

from bosetting.cases.models import Person
from bosetting.cases.tests.factories import make_case
from bosetting.cases.validators import make_national_id

from .editing import TOMORROW, Edit, assert_refused, example_copy, line_of, problems_in

pytestmark = pytest.mark.django_db

S, P, K = "saker", "personer", "kartlegginger"
CASES = {
    # saker.csv
    "case-without-created-date": (
        [Edit(S, "S4", "opprettet_dato", "")],
        (S, "S4", "opprettet_dato", "Feltet må fylles ut (dato som ÅÅÅÅ-MM-DD)."),
    ),
    "case-created-on-no-such-day": (
        [Edit(S, "S4", "opprettet_dato", "2025-13-01")],
        (S, "S4", "opprettet_dato", "«2025-13-01» er ikke en gyldig dato."),
    ),
    "case-created-in-the-future": (
        [Edit(S, "S4", "opprettet_dato", TOMORROW)],
        (S, "S4", "opprettet_dato", "Datoen kan ikke være frem i tid."),
    ),
    "case-without-a-head": (
        [Edit(P, "P8", "relasjon", "spouse")],
        (
            S,
            "S4",
            "gammel_id",
            "Saken «S4» har ingen hovedperson (relasjon «head») i personer.csv.",
        ),
    ),
    # personer.csv
    "person-relation-unknown": (
        [Edit(P, "P9", "relasjon", "cousin")],
        (P, "P9", "relasjon", "Ukjent verdi «cousin»."),
    ),
    "person-second-head": (
        [Edit(P, "P2", "relasjon", "head")],
        (P, "P2", "relasjon", "«S1» står flere ganger i filen."),
    ),
    "person-duf-number-too-short": (
        [Edit(P, "P5", "duf_nummer", "20240000005")],
        (P, "P5", "duf_nummer", "DUF-nummeret må ha 12 sifre."),
    ),
    "person-duf-number-with-a-letter": (
        [Edit(P, "P5", "duf_nummer", "20240000000O")],
        (P, "P5", "duf_nummer", "DUF-nummeret må ha 12 sifre."),
    ),
    "person-duf-number-too-long": (
        [Edit(P, "P5", "duf_nummer", "2024000000050")],
        (P, "P5", "duf_nummer", "Feltet kan ha høyst 12 tegn."),
    ),
    "person-duf-number-missing": (
        [Edit(P, "P5", "duf_nummer", "")],
        (P, "P5", "duf_nummer", "Feltet må fylles ut."),
    ),
    "person-national-id-too-short": (
        [Edit(P, "P1", "fodselsnummer", "1403850019")],
        (P, "P1", "fodselsnummer", "Fødselsnummer og D-nummer har 11 sifre."),
    ),
    "person-birth-date-not-that-of-the-national-id": (
        [Edit(P, "P1", "fodselsdato", "1985-03-15")],
        (
            P,
            "P1",
            "fodselsdato",
            "Fødselsdatoen stemmer ikke med fødselsnummeret eller D-nummeret.",
        ),
    ),
    "person-national-id-twice": (
        [
            Edit(P, "P2", "fodselsnummer", "14038500199"),
            Edit(P, "P2", "fodselsdato", "1985-03-14"),
        ],
        (P, "P2", "fodselsnummer", "«14038500199» står flere ganger i filen."),
    ),
    "person-birth-date-not-iso": (
        [Edit(P, "P4", "fodselsdato", "2021-11-3")],
        (P, "P4", "fodselsdato", "«2021-11-3» er ikke en gyldig dato."),
    ),
    "person-born-in-the-future": (
        [Edit(P, "P4", "fodselsdato", TOMORROW)],
        (P, "P4", "fodselsdato", "Datoen kan ikke være frem i tid."),
    ),
    "person-at-a-centre-not-named": (
        [Edit(P, "P5", "mottak", "")],
        (P, "P5", "mottak", "Ukjent mottak «»; det står verken i mottak.csv eller i systemet."),
    ),
    "person-at-an-unknown-centre": (
        [Edit(P, "P5", "mottak", "Fana")],
        (P, "P5", "mottak", "Ukjent mottak «Fana»; det står verken i mottak.csv eller i systemet."),
    ),
    "person-living-privately-with-a-centre": (
        [Edit(P, "P1", "mottak", "Fana mottak")],
        (P, "P1", "mottak", "Mottak fylles bare ut når personen bor i mottak."),
    ),
    "person-residence-unknown": (
        [Edit(P, "P1", "bor", "hotel")],
        (P, "P1", "bor", "Ukjent verdi «hotel»."),
    ),
    "person-without-given-names": (
        [Edit(P, "P3", "fornavn", "")],
        (P, "P3", "fornavn", "Feltet må fylles ut."),
    ),
    "person-family-name-too-long": (
        [Edit(P, "P3", "etternavn", "T" * 101)],
        (P, "P3", "etternavn", "Feltet kan ha høyst 100 tegn."),
    ),
    "person-sex-unknown": (
        [Edit(P, "P3", "kjonn", "f")],
        (P, "P3", "kjonn", "Ukjent verdi «f». Gyldige verdier: female, male."),
    ),
    "person-citizenship-not-a-listed-code": (
        [Edit(P, "P3", "statsborgerskap", "ZZZ")],
        (P, "P3", "statsborgerskap", "Ukjent verdi «ZZZ»."),
    ),
    "person-citizenship-in-lower-case": (
        [Edit(P, "P3", "statsborgerskap", "eri")],
        (P, "P3", "statsborgerskap", "Ukjent verdi «eri»."),
    ),
    "person-language-unknown": (
        [Edit(P, "P3", "sprak", "tir, xx")],
        (P, "P3", "sprak", "Ukjent kode «xx»."),
    ),
    "person-interpreter-language-unknown": (
        [Edit(P, "P1", "tolkesprak", "tigrinja")],
        (P, "P1", "tolkesprak", "Ukjent verdi «tigrinja»."),
    ),
    "person-category-missing": (
        [Edit(P, "P1", "kategori", "")],
        (P, "P1", "kategori", "Feltet må fylles ut."),
    ),
    "person-research-opt-out-neither-yes-nor-no": (
        [Edit(P, "P1", "reservert_forskning", "vet ikke")],
        (P, "P1", "reservert_forskning", "Skriv «ja» eller «nei»."),
    ),
    # kartlegginger.csv
    "assessment-of-an-unknown-person": (
        [Edit(K, "K5", "person", "P99")],
        (K, "K5", "person", "Finner ingen rad med gammel_id «P99» i personer.csv."),
    ),
    "assessment-saved-in-the-future": (
        [Edit(K, "K5", "lagret_dato", TOMORROW)],
        (K, "K5", "lagret_dato", "Datoen kan ikke være frem i tid."),
    ),
    "assessment-family-neither-yes-nor-no": (
        [Edit(K, "K5", "familie_i_norge", "kanskje")],
        (K, "K5", "familie_i_norge", "Skriv «ja», «nei» eller la feltet stå tomt."),
    ),
    "assessment-family-in-an-unknown-municipality": (
        [Edit(K, "K7", "familie_kommuner", "0301,9999")],
        (K, "K7", "familie_kommuner", "Ukjent kode «9999»."),
    ),
    "assessment-no-needs-with-a-need": (
        [Edit(K, "K5", "saerskilte_behov", "none,institution")],
        (
            K,
            "K5",
            "saerskilte_behov",
            "«Ingen særskilte behov» kan ikke velges sammen med et behov.",
        ),
    ),
    "assessment-need-unknown": (
        [Edit(K, "K5", "saerskilte_behov", "wheelchair")],
        (K, "K5", "saerskilte_behov", "Ukjent kode «wheelchair»."),
    ),
    "assessment-education-level-unknown": (
        [Edit(K, "K5", "utdanningsniva", "phd")],
        (K, "K5", "utdanningsniva", "Ukjent verdi «phd»."),
    ),
    "assessment-school-years-above-the-forms-limit": (
        [Edit(K, "K5", "skolear", "31")],
        (K, "K5", "skolear", "Tallet må være mellom 0 og 30."),
    ),
    "assessment-work-years-above-the-forms-limit": (
        [Edit(K, "K5", "arbeidsaar", "71")],
        (K, "K5", "arbeidsaar", "Tallet må være mellom 0 og 70."),
    ),
    "assessment-school-years-in-words": (
        [Edit(K, "K5", "skolear", "ti")],
        (K, "K5", "skolear", "«ti» er ikke et helt tall."),
    ),
    "assessment-norwegian-level-unknown": (
        [Edit(K, "K5", "norskniva", "C2")],
        (K, "K5", "norskniva", "Ukjent verdi «C2»."),
    ),
    "assessment-note-too-long": (
        [Edit(K, "K5", "merknad", "m" * 5001)],
        (K, "K5", "merknad", "Feltet kan ha høyst 5000 tegn."),
    ),
    "assessment-consent-without-a-date": (
        [Edit(K, "K2", "samtykke_dato", "")],
        (K, "K2", "samtykke_dato", "Feltet må fylles ut (dato som ÅÅÅÅ-MM-DD)."),
    ),
    "assessment-consent-without-who-took-it": (
        [Edit(K, "K2", "samtykke_tatt_av", "")],
        (K, "K2", "samtykke_tatt_av", "Feltet må fylles ut."),
    ),
    "assessment-consent-dated-in-the-future": (
        [Edit(K, "K2", "samtykke_dato", TOMORROW)],
        (K, "K2", "samtykke_dato", "Datoen kan ikke være frem i tid."),
    ),
    "assessment-consent-neither-yes-nor-no": (
        [Edit(K, "K2", "helse_samtykke", "muntlig")],
        (K, "K2", "helse_samtykke", "Skriv «ja» eller «nei»."),
    ),
    "assessment-health-details-without-consent": (
        [Edit(K, "K5", "helseopplysninger", "Astma")],
        (
            K,
            "K5",
            "helseopplysninger",
            "Helseopplysninger kan bare overføres når personen har samtykket.",
        ),
    ),
    "assessment-consent-date-without-consent": (
        [Edit(K, "K5", "samtykke_dato", "2025-02-10")],
        (K, "K5", "helse_samtykke", "Samtykkedato og -tatt av krever samtykke «ja»."),
    ),
}


@pytest.mark.parametrize(("edits", "expected"), list(CASES.values()), ids=list(CASES))
def test_a_bad_cell_is_refused_with_its_file_line_and_column(
    cast: SimpleNamespace, tmp_path: Path, edits: list[Edit], expected: tuple[str, str, str, str]
) -> None:
    entity, legacy_id, field, message = expected
    problems = problems_in(example_copy(tmp_path, *edits))
    assert_refused(
        problems,
        file=f"{entity}.csv",
        line=line_of(entity, legacy_id),
        field=field,
        message=message,
    )


def test_a_d_number_is_accepted_for_its_birth_date(cast: SimpleNamespace, tmp_path: Path) -> None:
    d_number = make_national_id(datetime.date(1979, 1, 25), d_number=True)
    assert problems_in(example_copy(tmp_path, Edit(P, "P5", "fodselsnummer", d_number))) == []


def test_a_national_id_of_another_person_in_the_system_is_refused(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    case = make_case(with_national_id=True, birth_date=datetime.date(1979, 1, 25))
    national_id = Person.objects.get(case=case).national_id
    problems = problems_in(example_copy(tmp_path, Edit(P, "P5", "fodselsnummer", national_id)))
    assert_refused(
        problems,
        file="personer.csv",
        line=line_of(P, "P5"),
        field="fodselsnummer",
        message="En annen person i systemet har dette fødselsnummeret eller D-nummeret.",
    )


def test_empty_assessment_answers_are_not_answered_rather_than_wrong(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    directory = example_copy(
        tmp_path,
        Edit(K, "K5", "familie_i_norge", ""),
        Edit(K, "K5", "utdanningsniva", ""),
        Edit(K, "K5", "skolear", ""),
        Edit(K, "K5", "norskniva", ""),
        Edit(K, "K5", "saerskilte_behov", ""),
        Edit(K, "K5", "kjaeledyr", ""),
    )
    assert problems_in(directory) == []
