"""Each check of users, requests and decisions (checks/planning.py) refuses its bad input where it is.

Every case changes one or two cells of the example set and expects the problem on that file, line
and column; the unchanged set has none, so each problem comes from the change.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from django.utils import timezone

from .editing import TOMORROW, Edit, assert_refused, example_copy, line_of, problems_in

pytestmark = pytest.mark.django_db

U, A, V = "brukere", "anmodninger", "vedtak"
CASES = {
    # brukere.csv
    "user-email-not-an-address": (
        [Edit(U, "U3", "epost", "berit.berg(at)bergen")],
        (U, "U3", "epost", "er ikke en e-postadresse"),
    ),
    "user-email-twice-in-any-case": (
        [Edit(U, "U2", "epost", "KARI.NORDMANN@imdi.example")],
        (U, "U2", "epost", "«kari.nordmann@imdi.example» står flere ganger i filen."),
    ),
    "user-unknown-municipality": (
        [Edit(U, "U5", "organisasjon", "9999")],
        (U, "U5", "organisasjon", "Ukjent kommunenummer «9999»."),
    ),
    "user-unknown-organisation": (
        [Edit(U, "U7", "organisasjon", "Fana asylmottak")],
        (U, "U7", "organisasjon", "er verken IMDi, et kommunenummer eller et mottak"),
    ),
    "user-without-roles": (
        [Edit(U, "U1", "roller", "")],
        (U, "U1", "roller", "Brukeren må ha minst én rolle."),
    ),
    "user-unknown-role": (
        [Edit(U, "U1", "roller", "imdi_caseworker,superuser")],
        (U, "U1", "roller", "Ukjent kode «superuser»."),
    ),
    "user-imdi-role-in-a-municipality": (
        [Edit(U, "U3", "roller", "imdi_admin")],
        (U, "U3", "roller", "Rollene passer ikke for organisasjonen."),
    ),
    "user-municipal-role-at-a-centre": (
        [Edit(U, "U7", "roller", "municipal_caseworker")],
        (U, "U7", "roller", "Rollene passer ikke for organisasjonen."),
    ),
    "user-without-first-name": (
        [Edit(U, "U4", "fornavn", "")],
        (U, "U4", "fornavn", "Feltet må fylles ut."),
    ),
    "user-family-name-too-long": (
        [Edit(U, "U4", "etternavn", "D" * 151)],
        (U, "U4", "etternavn", "Feltet kan ha høyst 150 tegn."),
    ),
    "user-id-twice": (
        [Edit(U, "U2", "gammel_id", "U1")],
        (U, "U2", "gammel_id", "«U1» står flere ganger i filen."),
    ),
    # anmodninger.csv
    "request-year-before-2000": (
        [Edit(A, "A1", "aar", "1999")],
        (A, "A1", "aar", "Tallet må være mellom 2000 og"),
    ),
    "request-year-not-a-number": (
        [Edit(A, "A1", "aar", "2025a")],
        (A, "A1", "aar", "«2025a» er ikke et helt tall."),
    ),
    "request-places-missing": (
        [Edit(A, "A2", "antall", "")],
        (A, "A2", "antall", "Feltet må fylles ut."),
    ),
    "request-places-negative": (
        [Edit(A, "A2", "antall", "-5")],
        (A, "A2", "antall", "«-5» er ikke et helt tall."),
    ),
    "request-more-minors-than-places": (
        [Edit(A, "A1", "herav_enslige_mindreaarige", "121")],
        (A, "A1", "herav_enslige_mindreaarige", "kan ikke være flere enn antallet i anmodningen"),
    ),
    "request-planning-number-not-a-number": (
        [Edit(A, "A3", "planleggingstall_neste_aar", "ti")],
        (A, "A3", "planleggingstall_neste_aar", "«ti» er ikke et helt tall."),
    ),
    "request-deadline-not-iso": (
        [Edit(A, "A4", "svarfrist", "01.12.2025")],
        (A, "A4", "svarfrist", "«01.12.2025» er ikke en gyldig dato. Datoer skrives ÅÅÅÅ-MM-DD."),
    ),
    "request-sent-in-the-future": (
        [Edit(A, "A4", "sendt_dato", TOMORROW)],
        (A, "A4", "sendt_dato", "Datoen kan ikke være frem i tid."),
    ),
    "request-sent-by-nobody-known": (
        [Edit(A, "A5", "sendt_av", "ukjent@imdi.example")],
        (A, "A5", "sendt_av", "Finner ingen bruker med e-post «ukjent@imdi.example»"),
    ),
    "request-sent-by-a-municipal-user": (
        [Edit(A, "A5", "sendt_av", "olav.li@oslo.example")],
        (A, "A5", "sendt_av", "hører ikke til riktig organisasjon"),
    ),
    "request-year-and-municipality-twice": (
        [Edit(A, "A2", "kommunenummer", "4601")],
        (A, "A2", "aar", "«2025 4601» står flere ganger i filen."),
    ),
    # vedtak.csv
    "decision-of-an-unknown-request": (
        [Edit(V, "V2", "anmodning", "A99")],
        (V, "V2", "anmodning", "Finner ingen rad med gammel_id «A99» i anmodninger.csv."),
    ),
    "decision-second-for-a-request": (
        [Edit(V, "V2", "anmodning", "A1")],
        (V, "V2", "anmodning", "«A1» står flere ganger i filen."),
    ),
    "decision-minors-neither-yes-nor-no": (
        [Edit(V, "V1", "tar_enslige_mindreaarige", "kanskje")],
        (V, "V1", "tar_enslige_mindreaarige", "Skriv «ja» eller «nei»."),
    ),
    "decision-no-minors-but-a-number": (
        [Edit(V, "V1", "tar_enslige_mindreaarige", "nei")],
        (V, "V1", "herav_enslige_mindreaarige", "tar ikke imot enslige mindreårige"),
    ),
    "decision-more-minors-than-places": (
        [Edit(V, "V1", "herav_enslige_mindreaarige", "121")],
        (V, "V1", "herav_enslige_mindreaarige", "kan ikke være flere enn antallet i vedtaket"),
    ),
    "decision-council-date-in-the-future": (
        [Edit(V, "V4", "kommunestyrets_vedtaksdato", TOMORROW)],
        (V, "V4", "kommunestyrets_vedtaksdato", "Datoen kan ikke være frem i tid."),
    ),
    "decision-state-unknown": (
        [Edit(V, "V3", "status", "utkast")],
        (V, "V3", "status", "Ukjent verdi «utkast». Gyldige verdier: godkjent, kvittert."),
    ),
    "decision-registered-by-imdi": (
        [Edit(V, "V3", "registrert_av", "kari.nordmann@imdi.example")],
        (V, "V3", "registrert_av", "hører ikke til riktig organisasjon"),
    ),
}


def test_the_unchanged_example_set_has_no_problems(cast: SimpleNamespace, tmp_path: Path) -> None:
    assert problems_in(example_copy(tmp_path)) == []


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


def test_a_request_may_be_for_next_year_but_not_the_year_after(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    next_year = str(timezone.localdate().year + 1)
    assert problems_in(example_copy(tmp_path, Edit(A, "A6", "aar", next_year), name="a")) == []
    later = str(timezone.localdate().year + 2)
    problems = problems_in(example_copy(tmp_path, Edit(A, "A6", "aar", later), name="b"))
    assert_refused(
        problems, file="anmodninger.csv", line=7, field="aar", message="Tallet må være mellom 2000"
    )


def test_imdi_and_yes_no_are_read_without_regard_to_case(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    directory = example_copy(
        tmp_path,
        Edit(U, "U1", "organisasjon", "imdi"),
        Edit(V, "V1", "tar_enslige_mindreaarige", "JA"),
        Edit(V, "V3", "status", "Godkjent"),
    )
    assert problems_in(directory) == []


def test_a_user_already_in_another_organisation_is_not_moved(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    cast.oslo_caseworker.email = "berit.berg@bergen.example"
    cast.oslo_caseworker.save()
    problems = problems_in(example_copy(tmp_path))
    assert_refused(
        problems,
        file="brukere.csv",
        line=line_of(U, "U3"),
        field="organisasjon",
        message="finnes allerede i en annen organisasjon",
    )


def test_a_user_already_here_may_be_named_without_being_in_the_file(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    directory = example_copy(tmp_path, Edit(A, "A1", "sendt_av", cast.imdi_caseworker.email))
    assert problems_in(directory) == []
