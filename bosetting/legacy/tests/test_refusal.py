"""A corrupted copy of the example set is refused with every problem listed, and nothing written."""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bosetting.legacy.samples import EXAMPLE_DIR, read_rows, write_file

from .counting import row_counts

pytestmark = pytest.mark.django_db


def corrupted_copy(tmp_path: Path) -> Path:
    directory = tmp_path / "ødelagt"
    shutil.copytree(EXAMPLE_DIR, directory)

    users = read_rows(directory, "brukere")
    users[2]["fornavn"] = "Bjørg"  # stored as Latin-1 below: not UTF-8
    write_file(directory, "brukere", users, encoding="latin-1")

    assessments = read_rows(directory, "kartlegginger")
    for row in assessments:
        del row["norskniva"]
    write_file(directory, "kartlegginger", assessments, columns_left_out={"norskniva"})

    requests = read_rows(directory, "anmodninger")
    requests[0]["kommunenummer"] = "9999"  # line 2: unknown municipality
    requests[1]["svarfrist"] = "2023-02-30"  # line 3: impossible date
    write_file(directory, "anmodninger", requests)

    persons = read_rows(directory, "personer")
    persons[1]["duf_nummer"] = persons[0]["duf_nummer"]  # line 3: duplicate DUF number
    fnr = persons[2]["fodselsnummer"]
    persons[2]["fodselsnummer"] = fnr[:10] + str((int(fnr[10]) + 1) % 10)  # line 4: check digit
    persons[4]["sak"] = "S99"  # line 6: a case not in the set
    write_file(directory, "personer", persons)

    settlements = read_rows(directory, "bosettinger")
    settlements[0]["bosettingsdato"] = "2025-01-01"  # line 2: before the decision of 2025-02-10
    write_file(directory, "bosettinger", settlements)
    return directory


def test_corrupted_copy_is_refused_with_every_problem_and_nothing_written(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    directory = corrupted_copy(tmp_path)
    before = row_counts()
    out = io.StringIO()

    with pytest.raises(CommandError, match="Ingenting er lagret"):
        call_command("import_legacy", str(directory), stdout=out, stderr=io.StringIO())

    assert row_counts() == before
    report = out.getvalue()
    expected = [
        "brukere.csv:4 Filen er ikke UTF-8",
        "anmodninger.csv:2 [kommunenummer] Ukjent kommunenummer «9999».",
        "anmodninger.csv:3 [svarfrist] «2023-02-30» er ikke en gyldig dato.",
        "saker.csv:3 [gammel_id] Saken «S2» har ingen hovedperson",  # its head moved to S99
        "kartlegginger.csv:1 [norskniva] Kolonnen mangler.",
        "personer.csv:3 [duf_nummer] «202400000001» står flere ganger i filen.",
        "personer.csv:4 [fodselsnummer] Kontrollsifrene stemmer ikke.",
        "personer.csv:6 [sak] Finner ingen rad med gammel_id «S99» i saker.csv.",
        "bosettinger.csv:2 [bosettingsdato] Bosettingsdatoen kan ikke være før vedtaket om bosettingskommune (10.02.2025)",
    ]
    for problem in expected:
        assert problem in report, problem
    # The unreadable users' file is one problem, not one for every row that names a user.
    assert "Finner ingen bruker" not in report


def test_dry_run_of_a_corrupted_copy_is_refused_as_well(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    directory = corrupted_copy(tmp_path)
    before = row_counts()

    with pytest.raises(CommandError):
        call_command(
            "import_legacy", str(directory), "--dry-run", stdout=io.StringIO(), stderr=io.StringIO()
        )

    assert row_counts() == before


def test_a_missing_file_and_an_unknown_column_are_named(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    directory = tmp_path / "mangler"
    shutil.copytree(EXAMPLE_DIR, directory)
    (directory / "bosettinger.csv").unlink()
    text = (directory / "saker.csv").read_text(encoding="utf-8")
    (directory / "saker.csv").write_text(
        text.replace("opprettet_dato", "opprettet_dato;farge", 1).replace("\n", ";\n")[:-2] + "\n",
        encoding="utf-8",
    )
    out = io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_legacy", str(directory), stdout=out, stderr=io.StringIO())

    assert "saker.csv:1 [farge] Ukjent kolonne." in out.getvalue()
    assert "bosettinger.csv Filen mangler i mappen." in out.getvalue()


def test_a_byte_order_mark_is_accepted(cast: SimpleNamespace, tmp_path: Path) -> None:
    directory = tmp_path / "bom"
    shutil.copytree(EXAMPLE_DIR, directory)
    users = directory / "brukere.csv"
    users.write_bytes(b"\xef\xbb\xbf" + users.read_bytes())
    out = io.StringIO()

    call_command("import_legacy", str(directory), stdout=out, stderr=io.StringIO())

    assert "Overføringen er lagret." in out.getvalue()


def test_a_person_already_in_a_case_of_the_new_system_is_not_moved(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    from bosetting.cases.tests.factories import make_case

    directory = tmp_path / "kopi"
    shutil.copytree(EXAMPLE_DIR, directory)
    persons = read_rows(directory, "personer")
    case = make_case(centre=cast.centre, duf_number=persons[0]["duf_nummer"])
    before = row_counts()
    out = io.StringIO()

    with pytest.raises(CommandError, match="Ingenting er lagret"):
        call_command("import_legacy", str(directory), stdout=out, stderr=io.StringIO())

    assert row_counts() == before
    assert (
        f"personer.csv:2 [duf_nummer] Personen med dette DUF-nummeret er allerede i sak "
        f"{case.reference}" in out.getvalue()
    )


def test_an_answerer_without_the_day_of_the_answer_is_refused(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    directory = tmp_path / "uten-dato"
    shutil.copytree(EXAMPLE_DIR, directory)
    answers = read_rows(directory, "foresporsel_saker")
    expired = next(i for i, row in enumerate(answers) if row["svar"] == "utlopt")
    answers[expired]["besvart_av"] = "berit.berg@bergen.example"
    write_file(directory, "foresporsel_saker", answers)
    before = row_counts()
    out = io.StringIO()

    with pytest.raises(CommandError, match="Ingenting er lagret"):
        call_command("import_legacy", str(directory), stdout=out, stderr=io.StringIO())

    assert row_counts() == before
    assert (
        f"foresporsel_saker.csv:{expired + 2} [besvart_dato] Feltet må fylles ut" in out.getvalue()
    )
