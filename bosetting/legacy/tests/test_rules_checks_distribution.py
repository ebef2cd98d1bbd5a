"""Each check of proposals, answers, settlement decisions and settlements (checks/distribution.py)
refuses its bad input where it is, including the dates and states that must agree across files."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from .editing import TOMORROW, Edit, assert_refused, example_copy, line_of, problems_in

pytestmark = pytest.mark.django_db

F, FS, BV, B = "foresporsler", "foresporsel_saker", "bosettingsvedtak", "bosettinger"
CASES = {
    # foresporsler.csv
    "proposal-to-an-unknown-municipality": (
        [Edit(F, "F3", "kommunenummer", "9999")],
        (F, "F3", "kommunenummer", "Ukjent kommunenummer «9999»."),
    ),
    "proposal-deadline-before-it-was-sent": (
        [Edit(F, "F1", "svarfrist", "2025-01-31")],
        (F, "F1", "svarfrist", "Svarfristen kan ikke være før forespørselen ble sendt."),
    ),
    "proposal-sent-in-the-future": (
        [Edit(F, "F5", "sendt_dato", TOMORROW), Edit(F, "F5", "svarfrist", "2099-01-01")],
        (F, "F5", "sendt_dato", "Datoen kan ikke være frem i tid."),
    ),
    "proposal-without-a-deadline": (
        [Edit(F, "F6", "svarfrist", "")],
        (F, "F6", "svarfrist", "Feltet må fylles ut (dato som ÅÅÅÅ-MM-DD)."),
    ),
    "proposal-state-unknown": (
        [Edit(F, "F6", "status", "aapen")],
        (
            F,
            "F6",
            "status",
            "Ukjent verdi «aapen». Gyldige verdier: besvart, sendt, trukket, utlopt.",
        ),
    ),
    "proposal-sent-by-a-municipal-user": (
        [Edit(F, "F6", "sendt_av", "berit.berg@bergen.example")],
        (F, "F6", "sendt_av", "hører ikke til riktig organisasjon"),
    ),
    # foresporsel_saker.csv
    "answer-in-an-unknown-proposal": (
        [Edit(FS, "FS5", "foresporsel", "F99")],
        (FS, "FS5", "foresporsel", "Finner ingen rad med gammel_id «F99» i foresporsler.csv."),
    ),
    "answer-for-an-unknown-case": (
        [Edit(FS, "FS5", "sak", "S99")],
        (FS, "FS5", "sak", "Finner ingen rad med gammel_id «S99» i saker.csv."),
    ),
    "answer-unknown": (
        [Edit(FS, "FS5", "svar", "kanskje")],
        (FS, "FS5", "svar", "Ukjent verdi «kanskje»."),
    ),
    "no-without-a-reason": (
        [Edit(FS, "FS3", "begrunnelse", "")],
        (FS, "FS3", "begrunnelse", "Feltet må fylles ut."),
    ),
    "no-with-an-unknown-reason": (
        [Edit(FS, "FS3", "begrunnelse", "weather")],
        (FS, "FS3", "begrunnelse", "Ukjent verdi «weather»."),
    ),
    "yes-without-the-day": (
        [Edit(FS, "FS6", "besvart_dato", "")],
        (FS, "FS6", "besvart_dato", "Feltet må fylles ut (dato som ÅÅÅÅ-MM-DD)."),
    ),
    "yes-without-who-answered": (
        [Edit(FS, "FS6", "besvart_av", "")],
        (FS, "FS6", "besvart_av", "Feltet må fylles ut."),
    ),
    "yes-given-by-imdi": (
        [Edit(FS, "FS6", "besvart_av", "kari.nordmann@imdi.example")],
        (FS, "FS6", "besvart_av", "hører ikke til riktig organisasjon"),
    ),
    "answer-before-the-proposal-was-sent": (
        [Edit(FS, "FS1", "besvart_dato", "2025-01-31")],
        (FS, "FS1", "besvart_dato", "Svaret kan ikke være før forespørselen ble sendt."),
    ),
    "answer-in-the-future": (
        [Edit(FS, "FS3", "besvart_dato", TOMORROW)],
        (FS, "FS3", "besvart_dato", "Datoen kan ikke være frem i tid."),
    ),
    "waiting-in-an-answered-proposal": (
        [Edit(FS, "FS3", "svar", "venter")],
        (FS, "FS3", "svar", "Svaret passer ikke med forespørselens status «Besvart»."),
    ),
    "expired-in-a-sent-proposal": (
        [Edit(FS, "FS5", "svar", "utlopt")],
        (FS, "FS5", "svar", "Svaret passer ikke med forespørselens status «Sendt»."),
    ),
    "yes-in-a-withdrawn-proposal": (
        [Edit(F, "F6", "status", "trukket")],
        (FS, "FS6", "svar", "Svaret passer ikke med forespørselens status"),
    ),
    "case-twice-in-one-proposal": (
        [Edit(FS, "FS7", "foresporsel", "F4"), Edit(FS, "FS7", "sak", "S3")],
        (FS, "FS7", "sak", "«F4 S3» står flere ganger i filen."),
    ),
    "case-waiting-while-already-accepted": (
        [Edit(FS, "FS5", "sak", "S1")],
        (FS, "FS5", "sak", "«S1» står flere ganger i filen."),
    ),
    # bosettingsvedtak.csv
    "decision-on-an-unknown-answer": (
        [Edit(BV, "BV4", "foresporsel_sak", "FS99")],
        (
            BV,
            "BV4",
            "foresporsel_sak",
            "Finner ingen rad med gammel_id «FS99» i foresporsel_saker.csv.",
        ),
    ),
    "decision-on-a-no": (
        [Edit(BV, "BV3", "foresporsel_sak", "FS3")],
        (BV, "BV3", "foresporsel_sak", "Kommunen har ikke svart ja på saken; vedtak krever et ja."),
    ),
    "decision-before-the-yes": (
        [Edit(BV, "BV1", "vedtaksdato", "2025-02-04")],
        (BV, "BV1", "vedtaksdato", "Vedtaket kan ikke være før kommunens ja."),
    ),
    "decision-in-the-future": (
        [Edit(BV, "BV4", "vedtaksdato", TOMORROW)],
        (BV, "BV4", "vedtaksdato", "Datoen kan ikke være frem i tid."),
    ),
    "decision-by-a-municipal-user": (
        [Edit(BV, "BV4", "vedtatt_av", "berit.berg@bergen.example")],
        (BV, "BV4", "vedtatt_av", "hører ikke til riktig organisasjon"),
    ),
    "second-decision-on-one-yes": (
        [Edit(BV, "BV2", "foresporsel_sak", "FS1")],
        (BV, "BV2", "foresporsel_sak", "«FS1» står flere ganger i filen."),
    ),
    # bosettinger.csv
    "settlement-of-an-unknown-person": (
        [Edit(B, "B5", "person", "P99")],
        (B, "B5", "person", "Finner ingen rad med gammel_id «P99» i personer.csv."),
    ),
    "settlement-without-a-decision": (
        [Edit(B, "B5", "person", "P8")],
        (B, "B5", "person", "Personens sak har ikke vedtak om bosettingskommune"),
    ),
    "settlement-before-birth": (
        [Edit("personer", "P4", "fodselsdato", "2025-03-05")],
        (B, "B4", "bosettingsdato", "Bosettingsdatoen er før fødselsdatoen."),
    ),
    "settlement-in-the-future": (
        [Edit(B, "B6", "bosettingsdato", TOMORROW)],
        (B, "B6", "bosettingsdato", "Datoen kan ikke være frem i tid."),
    ),
    "settlement-date-not-iso": (
        [Edit(B, "B6", "bosettingsdato", "1. juli 2025")],
        (B, "B6", "bosettingsdato", "«1. juli 2025» er ikke en gyldig dato."),
    ),
    "second-settlement-of-one-person": (
        [Edit(B, "B2", "person", "P1")],
        (B, "B2", "person", "«P1» står flere ganger i filen."),
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


def test_a_no_may_be_answered_again_yes_in_a_later_proposal(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    # S3 was declined by Stord (FS3) and accepted by Bergen (FS4): only live answers must be single.
    directory = example_copy(tmp_path, Edit(FS, "FS3", "utdyping", "Ingen leiligheter."))
    assert problems_in(directory) == []


def test_an_unreadable_answers_file_leaves_the_settlements_decision_unchecked(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    directory = example_copy(tmp_path, Edit(B, "B5", "person", "P8"))
    (directory / "foresporsel_saker.csv").write_bytes(b"gammel_id;foresporsel\n")
    problems = problems_in(directory)
    assert any(p.file == "foresporsel_saker.csv" and p.line == 1 for p in problems)
    assert not any(p.file == "bosettinger.csv" for p in problems)
    assert not any(p.file == "bosettingsvedtak.csv" for p in problems)
