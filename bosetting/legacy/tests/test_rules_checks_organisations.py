"""The organisations' numbers (organisasjoner.csv) and the reception centres (mottak.csv): each check
refuses its bad cell where it is, and a run makes, finds and renames centres as the rows say."""

from __future__ import annotations

import io
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.management import call_command

from bosetting.accounts.tests.factories import UserFactory
from bosetting.cases.models import Person
from bosetting.legacy.samples import EXAMPLE_DIR, read_rows, write_file
from bosetting.organisations.models import Organisation, ReceptionCentre

from .editing import Edit, assert_refused, example_copy, line_of, problems_in

pytestmark = pytest.mark.django_db

ORGS, M = "organisasjoner", "mottak"
IMDI_NUMBER, BERGEN_NUMBER, FANA_NUMBER = "100000016", "100000024", "100000059"
CASES = {
    # organisasjoner.csv
    "number-with-a-wrong-check-digit": (
        [Edit(ORGS, "IMDi", "organisasjonsnummer", "100000017")],
        (ORGS, "IMDi", "organisasjonsnummer", "Kontrollsifferet stemmer ikke."),
    ),
    "number-of-eight-digits": (
        [Edit(ORGS, "4601", "organisasjonsnummer", "10000002")],
        (ORGS, "4601", "organisasjonsnummer", "Organisasjonsnummeret må ha 9 sifre."),
    ),
    "number-with-spaces": (
        [Edit(ORGS, "4601", "organisasjonsnummer", "100 000 024")],
        (ORGS, "4601", "organisasjonsnummer", "Feltet kan ha høyst 9 tegn."),
    ),
    "number-missing": (
        [Edit(ORGS, "0301", "organisasjonsnummer", "")],
        (ORGS, "0301", "organisasjonsnummer", "Feltet må fylles ut."),
    ),
    "organisation-unknown": (
        [Edit(ORGS, "4614", "organisasjon", "9999")],
        (ORGS, "4614", "organisasjon", "«9999» er verken IMDi eller et kommunenummer."),
    ),
    "organisation-is-a-centre": (
        [Edit(ORGS, "4614", "organisasjon", "Fana mottak")],
        (ORGS, "4614", "organisasjon", "Mottakenes organisasjonsnummer står i mottak.csv"),
    ),
    "organisation-twice": (
        [Edit(ORGS, "0301", "organisasjon", "4601")],
        (ORGS, "0301", "organisasjon", "«4601» står flere ganger i filen."),
    ),
    "number-twice-across-the-files": (
        [Edit(M, "M2", "organisasjonsnummer", BERGEN_NUMBER)],
        (
            M,
            "M2",
            "organisasjonsnummer",
            f"Organisasjonsnummeret {BERGEN_NUMBER} står også i organisasjoner.csv:3.",
        ),
    ),
    # mottak.csv
    "centre-kind-unknown": (
        [Edit(M, "M1", "type", "asylmottak")],
        (M, "M1", "type", "Ukjent verdi «asylmottak»."),
    ),
    "centre-in-an-unknown-municipality": (
        [Edit(M, "M1", "kommunenummer", "9999")],
        (M, "M1", "kommunenummer", "Ukjent kommunenummer «9999»."),
    ),
    "centre-without-a-name": (
        [Edit(M, "M2", "navn", "")],
        (M, "M2", "navn", "Feltet må fylles ut."),
    ),
    "centre-name-twice": (
        [Edit(M, "M2", "navn", "Fana mottak")],
        (M, "M2", "navn", "«Fana mottak» står flere ganger i filen."),
    ),
    "centre-id-twice": (
        [Edit(M, "M2", "gammel_id", "M1")],
        (M, "M2", "gammel_id", "«M1» står flere ganger i filen."),
    ),
    "centre-number-with-a-wrong-check-digit": (
        [Edit(M, "M1", "organisasjonsnummer", "100000058")],
        (M, "M1", "organisasjonsnummer", "Kontrollsifferet stemmer ikke."),
    ),
    # what names a centre
    "user-at-a-centre-in-neither-file-nor-system": (
        [Edit("brukere", "U7", "organisasjon", "Fana asylmottak")],
        ("brukere", "U7", "organisasjon", "et mottak i mottak.csv eller i systemet"),
    ),
}


@pytest.mark.parametrize(("edits", "expected"), CASES.values(), ids=CASES.keys())
def test_a_bad_cell_is_refused_with_its_file_line_and_column(
    cast: SimpleNamespace, tmp_path: Path, edits: list[Edit], expected: tuple[str, str, str, str]
) -> None:
    entity, key, field, message = expected
    assert_refused(
        problems_in(example_copy(tmp_path, *edits)),
        file=f"{entity}.csv",
        line=line_of(entity, key),
        field=field,
        message=message,
    )


def run(directory: Path = EXAMPLE_DIR, *args: str) -> str:
    out = io.StringIO()
    call_command("import_legacy", str(directory), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def counts_of(output: str, entity: str) -> list[str]:
    line = next(line for line in output.splitlines() if line.startswith(f"{entity}.csv"))
    return line.split()[1:]


def test_a_number_another_organisation_has_here_is_refused(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    Organisation.objects.filter(pk=cast.oslo.organisation.pk).update(
        organisation_number=FANA_NUMBER
    )
    assert_refused(
        problems_in(EXAMPLE_DIR),
        file="mottak.csv",
        line=line_of(M, "M1"),
        field="organisasjonsnummer",
        message=f"Organisasjonsnummeret {FANA_NUMBER} tilhører allerede Oslo kommune i systemet.",
    )


def test_the_organisations_own_number_here_is_no_conflict(cast: SimpleNamespace) -> None:
    Organisation.objects.filter(pk=cast.bergen.organisation.pk).update(
        organisation_number=BERGEN_NUMBER
    )
    assert problems_in(EXAMPLE_DIR) == []


def test_the_numbers_are_written_and_a_changed_one_is_updated(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    output = run()
    assert counts_of(output, ORGS) == ["0", "4", "0"]
    cast.bergen.organisation.refresh_from_db()
    assert cast.bergen.organisation.organisation_number == BERGEN_NUMBER

    output = run(example_copy(tmp_path, Edit(ORGS, "4601", "organisasjonsnummer", "100000067")))

    assert counts_of(output, ORGS) == ["0", "1", "3"]
    cast.bergen.organisation.refresh_from_db()
    assert cast.bergen.organisation.organisation_number == "100000067"


def test_a_centre_here_is_found_by_its_name_and_a_new_one_is_made_with_its_organisation(
    cast: SimpleNamespace,
) -> None:
    output = run()

    assert counts_of(output, M) == ["1", "1", "0"]  # Fana gains its number; Stord's is new
    fana = ReceptionCentre.objects.select_related("organisation").get(name="Fana mottak")
    assert fana.pk == cast.centre.pk
    assert fana.organisation.organisation_number == FANA_NUMBER
    stord = ReceptionCentre.objects.select_related("organisation", "municipality").get(
        name="Stord integreringsmottak"
    )
    assert (stord.kind, stord.municipality) == (ReceptionCentre.Kind.INTEGRATION, cast.stord)
    assert (stord.organisation.kind, stord.organisation.name) == (
        Organisation.Kind.RECEPTION_CENTRE,
        "Stord integreringsmottak",
    )


def test_users_and_residents_of_a_centre_made_by_the_import_belong_to_it(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    directory = example_copy(
        tmp_path,
        Edit("brukere", "U7", "organisasjon", "Stord integreringsmottak"),
        Edit("personer", "P14", "mottak", "Stord integreringsmottak"),
    )
    run(directory)

    stord = ReceptionCentre.objects.get(name="Stord integreringsmottak")
    assert Person.objects.get(duf_number="202400000014").reception_centre == stord
    mona = stord.organisation.users.get()
    assert mona.email == "mona.fana@fana.example"


def test_a_user_here_is_not_moved_into_a_centre_the_import_makes(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    UserFactory(email="mona.fana@fana.example", organisation=cast.centre.organisation)
    assert_refused(
        problems_in(
            example_copy(
                tmp_path, Edit("brukere", "U7", "organisasjon", "Stord integreringsmottak")
            )
        ),
        file="brukere.csv",
        line=line_of("brukere", "U7"),
        field="organisasjon",
        message="Brukeren finnes allerede i en annen organisasjon",
    )


def test_a_centre_renamed_in_a_newer_export_is_renamed_with_its_organisation(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    run()
    directory = example_copy(tmp_path, Edit(M, "M1", "navn", "Fana ankomstmottak"))
    persons = [
        dict(row, mottak="Fana ankomstmottak") if row["mottak"] else row
        for row in read_rows(directory, "personer")
    ]
    write_file(directory, "personer", persons)
    users = read_rows(directory, "brukere")
    users[-1]["organisasjon"] = "Fana ankomstmottak"
    write_file(directory, "brukere", users)

    output = run(directory)

    assert counts_of(output, M) == ["0", "1", "1"]
    centre = ReceptionCentre.objects.select_related("organisation").get(pk=cast.centre.pk)
    assert (centre.name, centre.organisation.name) == ("Fana ankomstmottak", "Fana ankomstmottak")
    assert not ReceptionCentre.objects.filter(name="Fana mottak").exists()


def test_a_centre_renamed_is_no_longer_known_by_its_old_name(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    run()
    # Persons still name the centre as it was: the import leaves no centre by that name.
    assert_refused(
        problems_in(example_copy(tmp_path, Edit(M, "M1", "navn", "Fana ankomstmottak"))),
        file="personer.csv",
        line=line_of("personer", "P5"),
        field="mottak",
        message="Ukjent mottak «Fana mottak»",
    )


def test_a_centre_cannot_be_renamed_to_the_name_of_another_one_here(
    cast: SimpleNamespace, tmp_path: Path, make_centre: Any
) -> None:
    run()
    make_centre("Råde mottak")
    assert_refused(
        problems_in(example_copy(tmp_path, Edit(M, "M1", "navn", "Råde mottak"))),
        file="mottak.csv",
        line=line_of(M, "M1"),
        field="navn",
        message="Et annet mottak i systemet heter allerede «Råde mottak».",
    )


def test_a_centre_named_by_its_old_name_beside_its_renamed_row_is_refused(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    run()
    directory = example_copy(tmp_path, Edit(M, "M1", "navn", "Fana ankomstmottak"))
    rows = read_rows(directory, "mottak")
    rows.append(dict(rows[0], gammel_id="M3", navn="Fana mottak", organisasjonsnummer=""))
    write_file(directory, "mottak", rows)

    assert_refused(
        problems_in(directory),
        file="mottak.csv",
        line=4,
        field="navn",
        message="Mottaket står allerede på linje 2 (gammel_id «M1»).",
    )


def test_an_empty_number_in_a_newer_export_keeps_the_number_given_here(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    run()
    output = run(example_copy(tmp_path, Edit(M, "M1", "organisasjonsnummer", "")))
    assert counts_of(output, M) == ["0", "0", "2"]
    cast.centre.organisation.refresh_from_db()
    assert cast.centre.organisation.organisation_number == FANA_NUMBER


@pytest.fixture
def make_centre(cast: SimpleNamespace) -> Any:
    from bosetting.organisations.tests.factories import ReceptionCentreFactory

    def make(name: str) -> ReceptionCentre:
        return ReceptionCentreFactory(name=name, municipality=cast.oslo)

    return make
