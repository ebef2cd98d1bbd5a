"""Reading the CSV files: encoding, byte order mark, delimiter, quoting, header and row shape.

No database: the reading comes before any check that looks anything up.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bosetting.legacy.format import FILES
from bosetting.legacy.progress import Progress
from bosetting.legacy.reading import Files, Problem, read_directory
from bosetting.legacy.samples import EXAMPLE_DIR

CASES_HEADER = "gammel_id;opprettet_dato"


def _read_with(tmp_path: Path, filename: str, content: bytes) -> Files:
    directory = tmp_path / "kopi"
    shutil.copytree(EXAMPLE_DIR, directory)
    (directory / filename).write_bytes(content)
    return read_directory(directory, progress=Progress(None))


def _saker(files: Files) -> list[tuple[int, dict[str, str]]]:
    return [(row.line, row.values) for row in files.rows["saker"]]


def test_a_problem_reads_file_line_and_column_and_a_whole_file_problem_has_no_line():
    assert str(Problem("personer.csv", 4, "fodselsnummer", "Feil.")) == (
        "personer.csv:4 [fodselsnummer] Feil."
    )
    assert str(Problem("saker.csv", 3, "", "Feil.")) == "saker.csv:3 Feil."
    assert str(Problem("bosettinger.csv", 0, "", "Filen mangler i mappen.")) == (
        "bosettinger.csv Filen mangler i mappen."
    )


def test_the_example_set_reads_without_a_problem_and_every_file_is_hashed():
    files = read_directory(EXAMPLE_DIR, progress=Progress(None))
    assert files.problems == [] and files.unreadable == set()
    assert set(files.sha256) == {spec.filename for spec in FILES}
    assert len(files.rows["personer"]) == 20


def test_a_byte_order_mark_is_dropped_before_the_header(tmp_path):
    files = _read_with(
        tmp_path, "saker.csv", b"\xef\xbb\xbf" + f"{CASES_HEADER}\nS1;2025-01-10\n".encode()
    )
    assert files.problems == []
    assert _saker(files) == [(2, {"gammel_id": "S1", "opprettet_dato": "2025-01-10"})]


def test_a_latin_1_file_is_refused_on_the_line_of_the_first_bad_byte(tmp_path):
    content = f"{CASES_HEADER}\nS1;2025-01-10\nS2;2025-02-03\n".encode() + "S3;Bjørg\n".encode(
        "latin-1"
    )
    files = _read_with(tmp_path, "saker.csv", content)
    (problem,) = files.problems
    assert (problem.file, problem.line, problem.field) == ("saker.csv", 4, "")
    assert "Filen er ikke UTF-8" in problem.message
    assert "saker" in files.unreadable


def test_windows_line_endings_are_read_like_unix_ones(tmp_path):
    files = _read_with(
        tmp_path, "saker.csv", f"{CASES_HEADER}\r\nS1;2025-01-10\r\nS2;2025-02-03\r\n".encode()
    )
    assert files.problems == []
    assert [values["opprettet_dato"] for _line, values in _saker(files)] == [
        "2025-01-10",
        "2025-02-03",
    ]


def test_a_quoted_value_may_hold_the_delimiter_a_line_break_and_a_doubled_quote(tmp_path):
    header = "gammel_id;foresporsel;sak;svar;begrunnelse;utdyping;besvart_dato;besvart_av"
    comment = 'Ingen bolig; se "notat"\nneste år'
    content = (
        f"{header}\n"
        'FS3;F3;S3;nei;housing;"Ingen bolig; se ""notat""\nneste år";2025-03-12;siri.stord@stord.example\n'
        "FS4;F4;S3;ja;;;2025-04-03;bjorn.dal@bergen.example\n"
    )
    files = _read_with(tmp_path, "foresporsel_saker.csv", content.encode())
    assert files.problems == []
    first, second = files.rows["foresporsel_saker"]
    assert first.values["utdyping"] == comment
    assert (first.line, second.line) == (3, 4)  # the record's last physical line


def test_blank_lines_are_skipped_and_the_lines_after_them_keep_their_numbers(tmp_path):
    files = _read_with(
        tmp_path, "saker.csv", f"{CASES_HEADER}\nS1;2025-01-10\n\n;\nS2;2025-02-03\n\n".encode()
    )
    assert files.problems == []
    assert [line for line, _values in _saker(files)] == [2, 5]


def test_the_columns_may_come_in_any_order_and_values_are_trimmed(tmp_path):
    files = _read_with(tmp_path, "saker.csv", b" opprettet_dato ;gammel_id\n 2025-01-10 ; S1 \n")
    assert files.problems == []
    assert _saker(files) == [(2, {"gammel_id": "S1", "opprettet_dato": "2025-01-10"})]


def test_a_comma_separated_file_is_refused_by_its_header(tmp_path):
    files = _read_with(tmp_path, "saker.csv", b"gammel_id,opprettet_dato\nS1,2025-01-10\n")
    assert Problem("saker.csv", 1, "gammel_id", "Kolonnen mangler.") in files.problems
    assert Problem("saker.csv", 1, "gammel_id,opprettet_dato", "Ukjent kolonne.") in files.problems
    assert "saker" in files.unreadable


def test_a_column_given_twice_is_refused(tmp_path):
    files = _read_with(
        tmp_path, "saker.csv", f"{CASES_HEADER};gammel_id\nS1;2025-01-10;S1\n".encode()
    )
    assert Problem("saker.csv", 1, "", "En kolonne står to ganger.") in files.problems


def test_an_empty_file_is_refused_for_its_missing_header(tmp_path):
    files = _read_with(tmp_path, "saker.csv", b"")
    assert files.problems == [
        Problem("saker.csv", 1, "", "Filen er tom; overskriftsraden mangler.")
    ]


def test_a_file_with_only_its_header_is_an_empty_list_not_a_problem(tmp_path):
    files = _read_with(tmp_path, "bosettinger.csv", b"gammel_id;person;bosettingsdato\n")
    assert files.problems == [] and files.rows["bosettinger"] == []


@pytest.mark.parametrize(
    ("row", "found"),
    [("S1;2025-01-10;ekstra", 3), ("S1", 1)],
    ids=["one-too-many", "one-too-few"],
)
def test_a_row_of_the_wrong_width_is_refused_on_its_line_and_the_rest_read(tmp_path, row, found):
    files = _read_with(tmp_path, "saker.csv", f"{CASES_HEADER}\n{row}\nS2;2025-02-03\n".encode())
    assert files.problems == [
        Problem("saker.csv", 2, "", f"Raden har {found} felt, men overskriften har 2.")
    ]
    assert [line for line, _values in _saker(files)] == [3]


def test_every_missing_file_is_named_and_the_others_are_still_read(tmp_path):
    directory = tmp_path / "halv"
    shutil.copytree(EXAMPLE_DIR, directory)
    (directory / "vedtak.csv").unlink()
    (directory / "bosettinger.csv").unlink()
    files = read_directory(directory, progress=Progress(None))
    assert files.problems == [
        Problem("vedtak.csv", 0, "", "Filen mangler i mappen."),
        Problem("bosettinger.csv", 0, "", "Filen mangler i mappen."),
    ]
    assert files.unreadable == {"vedtak", "bosettinger"}
    assert len(files.rows["personer"]) == 20
