"""What the reading refuses before any check: characters that have no place in a cell, cells over
the size limit, files that are not the export's own, links, a stray byte order mark, and dates
before 1900. Each on a corrupted copy of the example set, on its file, line and column."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bosetting.legacy.characters import MAX_CELL_LENGTH
from bosetting.legacy.progress import Progress
from bosetting.legacy.reading import Problem, read_directory
from bosetting.legacy.samples import EXAMPLE_DIR

from .counting import row_counts
from .editing import Edit, assert_refused, example_copy, line_of, problems_in

pytestmark = pytest.mark.django_db

P, U, K, S = "personer", "brukere", "kartlegginger", "saker"
CONTROL = "kontrolltegn"
DIRECTION = "usynlig retningstegn"
LINE_BREAK = "kan ikke ha linjeskift"

REFUSED_CHARACTERS = {
    "nul": (Edit(P, "P1", "fornavn", "Yo\x00nas"), f"{CONTROL} (U+0000)"),
    "escape": (Edit(U, "U3", "etternavn", "Berg\x1b[2J"), f"{CONTROL} (U+001B)"),
    "delete": (Edit(S, "S2", "opprettet_dato", "2025-02-03\x7f"), f"{CONTROL} (U+007F)"),
    "c1-control": (Edit(P, "P7", "etternavn", "Kovalenko\x9b"), f"{CONTROL} (U+009B)"),
    "tab-in-one-line": (Edit(P, "P7", "fornavn", "Ivan\tI"), f"{CONTROL} (U+0009)"),
    "right-to-left-override": (
        Edit(P, "P2", "etternavn", "Tes\u202efay"),
        f"{DIRECTION} (U+202E)",
    ),
    "override-in-an-e-mail": (
        Edit(U, "U5", "epost", "olav.li@\u202eelpmaxe.olso"),
        f"{DIRECTION} (U+202E)",
    ),
    "isolate-in-free-text": (
        Edit(K, "K7", "merknad", "Ønsker \u2067Oslo\u2069"),
        f"{DIRECTION} (U+2067)",
    ),
    "left-to-right-mark": (Edit(P, "P5", "duf_nummer", "2024\u200e00000005"), DIRECTION),
    "vertical-tab": (Edit(P, "P8", "fornavn", "Amina\x0b"), f"{LINE_BREAK} (U+000B)"),
    "line-separator": (Edit(P, "P9", "etternavn", "Mah\u2028moud"), f"{LINE_BREAK} (U+2028)"),
    "next-line-in-free-text": (Edit(K, "K8", "merknad", "a\x85b"), "linjeskift (U+0085)"),
    "byte-order-mark-inside-a-cell": (
        Edit(P, "P10", "fornavn", "A\ufeffli"),
        "byte order mark (U+FEFF)",
    ),
}


@pytest.mark.parametrize(
    ("edit", "message"), REFUSED_CHARACTERS.values(), ids=REFUSED_CHARACTERS.keys()
)
def test_a_refused_character_is_named_on_its_file_line_and_column(
    cast: SimpleNamespace, tmp_path: Path, edit: Edit, message: str
) -> None:
    problems = problems_in(example_copy(tmp_path, edit))
    assert_refused(
        problems,
        file=f"{edit.entity}.csv",
        line=line_of(edit.entity, edit.legacy_id),
        field=edit.column,
        message=message,
    )
    # The cell's one problem: what it would have failed later (an e-mail, a DUF number) is not
    # said as well, and nothing quotes the character back to the terminal.
    in_cell = [p for p in problems if (p.file, p.field) == (f"{edit.entity}.csv", edit.column)]
    assert len(in_cell) == 1
    assert edit.value not in str(in_cell[0])


def test_a_line_break_in_a_one_line_field_is_refused_on_the_line_where_the_row_ends(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    problems = problems_in(example_copy(tmp_path, Edit(P, "P3", "fornavn", "Sara\nMaria")))
    # The quoted value runs over two lines; a row's line is its last (see test_rules_reading).
    assert_refused(
        problems,
        file="personer.csv",
        line=line_of(P, "P3") + 1,
        field="fornavn",
        message=f"{LINE_BREAK} (U+000A)",
    )


@pytest.mark.parametrize("line_break", ["\n", "\r\n"])
def test_free_text_keeps_its_line_breaks_and_tabs(
    cast: SimpleNamespace, tmp_path: Path, line_break: str
) -> None:
    note = f"Første linje{line_break}andre linje\tmed tabulator"
    edits = [
        Edit(K, "K7", "merknad", note),
        Edit("foresporsel_saker", "FS3", "utdyping", f"Ingen bolig.{line_break}Neste år."),
    ]
    assert problems_in(example_copy(tmp_path, *edits)) == []


def test_a_cell_over_the_size_limit_is_refused_on_its_line_and_column(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    edits = [
        Edit(K, "K2", "helseopplysninger", "x" * (MAX_CELL_LENGTH + 1)),
        Edit(P, "P4", "etternavn", "T" * (MAX_CELL_LENGTH + 1)),
    ]
    problems = problems_in(example_copy(tmp_path, *edits))
    limit = f"Feltet har {MAX_CELL_LENGTH + 1} tegn; høyst {MAX_CELL_LENGTH} er tillatt i ett felt."
    for edit in edits:
        assert_refused(
            problems,
            file=f"{edit.entity}.csv",
            line=line_of(edit.entity, edit.legacy_id),
            field=edit.column,
            message=limit,
        )
    # Not a second problem for the name's own limit of 100, nor the value printed back.
    assert [p.field for p in problems if p.file == "personer.csv"] == ["etternavn"]
    assert all(len(str(problem)) < 300 for problem in problems)


def test_a_cell_over_the_csv_modules_own_limit_is_a_problem_and_not_a_traceback(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    # The csv module refuses a field over 131,072 characters with _csv.Error by default.
    directory = example_copy(tmp_path, Edit(K, "K7", "merknad", "x" * 200_000))
    before = row_counts()
    out = io.StringIO()

    with pytest.raises(CommandError, match=r"^1 problemer\. Ingenting er lagret\.$"):
        call_command("import_legacy", str(directory), stdout=out, stderr=io.StringIO())

    assert row_counts() == before
    assert out.getvalue().startswith(
        f"kartlegginger.csv:{line_of(K, 'K7')} [merknad] Feltet har 200000 tegn;"
    )


def test_a_byte_order_mark_inside_the_file_is_refused_where_it_stands(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    # As when two exports are put together: the second one's mark lands before a row.
    directory = example_copy(tmp_path)
    cases = directory / "saker.csv"
    lines = cases.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = "\ufeff" + lines[3]
    cases.write_text("\ufeff" + "".join(lines), encoding="utf-8")  # the first one is allowed

    problems = problems_in(directory)

    assert [p for p in problems if p.file == "saker.csv"] == [
        Problem(
            "saker.csv",
            4,
            "gammel_id",
            "Et byte order mark (U+FEFF) står inne i filen. Det er bare tillatt helt først i "
            "filen; kanskje er to filer satt sammen.",
        )
    ]
    # The case's id is refused with it, so the persons of S3 name a case that is not there.
    assert "Finner ingen rad med gammel_id «S3» i saker.csv." in {p.message for p in problems}


def test_a_second_byte_order_mark_before_the_header_refuses_the_header(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    directory = example_copy(tmp_path)
    settlements = directory / "bosettinger.csv"
    settlements.write_bytes(b"\xef\xbb\xbf\xef\xbb\xbf" + settlements.read_bytes())

    files = read_directory(directory, progress=Progress(None))

    assert [(p.file, p.line, p.field) for p in files.problems] == [
        ("bosettinger.csv", 1, "<U+FEFF>gammel_id")
    ]
    assert "byte order mark" in files.problems[0].message
    assert "bosettinger" in files.unreadable


@pytest.mark.parametrize(
    ("edit", "column"),
    [
        (Edit(P, "P13", "fodselsdato", "1899-12-31"), "fodselsdato"),
        (Edit(S, "S1", "opprettet_dato", "0025-01-10"), "opprettet_dato"),
        (Edit(K, "K2", "samtykke_dato", "1850-01-20"), "samtykke_dato"),
    ],
    ids=["birth-date", "typed-0025", "consent-date"],
)
def test_a_date_before_1900_is_refused(
    cast: SimpleNamespace, tmp_path: Path, edit: Edit, column: str
) -> None:
    assert_refused(
        problems_in(example_copy(tmp_path, edit)),
        file=f"{edit.entity}.csv",
        line=line_of(edit.entity, edit.legacy_id),
        field=column,
        message=f"«{edit.value}» er før 1900.",
    )


def test_an_unknown_file_or_folder_in_the_directory_is_refused_by_name(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    directory = example_copy(tmp_path)
    (directory / "notater.txt").write_text("husk å ringe\n", encoding="utf-8")
    (directory / "personer (1).csv").write_bytes((directory / "personer.csv").read_bytes())
    (directory / "gammelt").mkdir()
    (directory / "x\x1b[2J.csv").write_text("", encoding="utf-8")

    problems = problems_in(directory)

    unknown = "Ukjent fil i mappen."
    assert [(p.file, p.line, p.field) for p in problems if p.message.startswith(unknown)] == [
        ("gammelt", 0, ""),
        ("notater.txt", 0, ""),
        ("personer (1).csv", 0, ""),
        ("x<U+001B>[2J.csv", 0, ""),  # a name is never printed so as to steer the terminal
    ]
    assert len(problems) == 4


def test_a_file_that_is_a_symbolic_link_is_refused_and_not_read(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    directory = example_copy(tmp_path)
    elsewhere = tmp_path / "et-annet-sted.csv"
    shutil.move(directory / "saker.csv", elsewhere)
    os.symlink(elsewhere, directory / "saker.csv")

    files = read_directory(directory, progress=Progress(None))

    assert (
        Problem("saker.csv", 0, "", "Filen er en symbolsk lenke. Legg selve filen i mappen.")
        in files.problems
    )
    assert "saker" in files.unreadable and "saker.csv" not in files.sha256


def test_a_directory_that_is_a_symbolic_link_is_refused_and_nothing_written(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    link = tmp_path / "eksport"
    os.symlink(example_copy(tmp_path), link)
    before = row_counts()
    out = io.StringIO()

    with pytest.raises(CommandError, match="Ingenting er lagret"):
        call_command("import_legacy", str(link), stdout=out, stderr=io.StringIO())

    assert row_counts() == before
    assert out.getvalue().splitlines() == [
        "eksport Mappen er en symbolsk lenke. Oppgi mappen der filene ligger."
    ]


def test_a_file_that_is_not_a_regular_file_is_refused(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    directory = example_copy(tmp_path)
    (directory / "bosettinger.csv").unlink()
    os.mkfifo(directory / "bosettinger.csv")  # reading it would wait for ever

    files = read_directory(directory, progress=Progress(None))

    assert Problem("bosettinger.csv", 0, "", "Dette er ikke en vanlig fil.") in files.problems


def test_a_copy_with_every_kind_of_refused_input_is_refused_whole_and_writes_nothing(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    directory = example_copy(tmp_path, *(edit for edit, _message in REFUSED_CHARACTERS.values()))
    (directory / "notater.txt").write_text("", encoding="utf-8")
    before = row_counts()
    out = io.StringIO()

    with pytest.raises(CommandError, match="Ingenting er lagret"):
        call_command("import_legacy", str(directory), stdout=out, stderr=io.StringIO())

    assert row_counts() == before
    report = out.getvalue()
    assert report.count("kontrolltegn") == 5 and report.count("retningstegn") == 4
    assert "notater.txt Ukjent fil i mappen." in report
    assert "\x1b" not in report and "\u202e" not in report


def test_the_example_set_itself_has_no_refused_input(cast: SimpleNamespace) -> None:
    assert read_directory(EXAMPLE_DIR, progress=Progress(None)).problems == []
