"""What a run of the import writes: newer exports update what changed, roles are only added, a dry
run counts exactly, a refusal by the database leaves nothing, and the rows read as the apps expect."""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Model
from django.utils import timezone

from bosetting.accounts.models import User, UserRole
from bosetting.accounts.tests.factories import UserFactory
from bosetting.audit.models import AuditEvent, EventType
from bosetting.cases.models import AssessmentVersion, Case, CaseState, Person
from bosetting.cases.queries import search_persons
from bosetting.distribution.models import Proposal, SettlementDecision
from bosetting.legacy.actions import ImportRefused, import_legacy
from bosetting.legacy.models import LegacyReference
from bosetting.legacy.samples import EXAMPLE_DIR, read_rows, write_file
from bosetting.planning.models import MunicipalDecision, SettlementRequest
from bosetting.settlement.models import Settlement

from .counting import row_counts
from .editing import Edit, example_copy

pytestmark = pytest.mark.django_db

OSLO_NOON = datetime.time(12)


def run(directory: Path = EXAMPLE_DIR, *args: str) -> str:
    out = io.StringIO()
    call_command("import_legacy", str(directory), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def counts_of(output: str, entity: str) -> list[str]:
    line = next(line for line in output.splitlines() if line.startswith(f"{entity}.csv"))
    return line.split()[1:]


def imported(model: type[Model], entity: str, legacy_id: str) -> Any:
    reference = LegacyReference.objects.get(entity=entity, legacy_id=legacy_id)
    return model._default_manager.get(pk=reference.object_id)


def test_a_value_changed_in_a_newer_export_is_updated_and_counted_as_changed(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    run()
    output = run(example_copy(tmp_path, Edit("anmodninger", "A1", "antall", "130")))
    assert counts_of(output, "anmodninger") == ["0", "1", "5"]
    assert imported(SettlementRequest, "anmodninger", "A1").places == 130
    assert SettlementRequest.objects.count() == 6


def test_a_decision_acknowledged_since_acknowledges_its_request(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    run()
    run(example_copy(tmp_path, Edit("vedtak", "V3", "status", "kvittert")))
    decision = imported(MunicipalDecision, "vedtak", "V3")
    assert decision.state == MunicipalDecision.State.ACKNOWLEDGED
    assert decision.acknowledged_by.email == "kari.nordmann@imdi.example"  # who sent the request
    assert decision.request.state == SettlementRequest.State.ACKNOWLEDGED


def test_settlements_in_a_newer_export_settle_a_matched_case(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    run()
    directory = example_copy(tmp_path)
    settlements = read_rows(directory, "bosettinger")
    settlements += [
        {"gammel_id": "B7", "person": "P5", "bosettingsdato": "2025-03-20"},
        {"gammel_id": "B8", "person": "P6", "bosettingsdato": "2025-03-21"},
    ]
    write_file(directory, "bosettinger", settlements)

    output = run(directory)

    case = imported(Case, "saker", "S2")
    assert (case.state, case.municipality) == (CaseState.SETTLED, cast.oslo)
    assert timezone.localtime(case.state_changed_at).date() == datetime.date(2025, 3, 21)
    assert counts_of(output, "saker") == ["0", "1", "7"]
    assert counts_of(output, "bosettinger") == ["2", "0", "6"]


def test_a_later_version_in_a_newer_export_becomes_the_current_one(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    run()
    directory = example_copy(tmp_path)
    assessments = read_rows(directory, "kartlegginger")
    later = dict(assessments[1], gammel_id="K1b", lagret_dato="2025-01-20", arbeidsaar="6")
    write_file(directory, "kartlegginger", [*assessments, later])

    run(directory)

    person = Person.objects.get(duf_number="202400000001")
    assert person.current_assessment == imported(AssessmentVersion, "kartlegginger", "K1b")
    assert person.current_assessment.number == 3
    assert person.current_assessment.data["work_years"] == 6


def test_roles_are_added_by_a_newer_export_and_never_taken_away(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    run()
    berit = User.objects.get(email="berit.berg@bergen.example")
    UserRole.objects.create(user=berit, role="municipal_reader")  # given here since the import
    output = run(
        example_copy(
            tmp_path, Edit("brukere", "U3", "roller", "municipal_caseworker,municipal_admin")
        )
    )
    assert User.objects.get(pk=berit.pk).role_set == {
        "municipal_caseworker",
        "municipal_admin",
        "municipal_reader",
    }
    assert counts_of(output, "brukere") == ["0", "1", "6"]


def test_a_dry_run_of_a_newer_export_counts_the_changes_and_keeps_none(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    run()
    before = row_counts()
    output = run(example_copy(tmp_path, Edit("personer", "P1", "fornavn", "Jonas")), "--dry-run")
    assert counts_of(output, "personer") == ["0", "1", "19"]
    assert row_counts() == before
    assert Person.objects.get(duf_number="202400000001").given_names == "Yonas"


def test_a_write_the_database_refuses_leaves_nothing_written(cast: SimpleNamespace) -> None:
    # A username the checks do not look at: the users' own write fails, after the checks passed.
    UserFactory(username="siri.stord@stord.example", email="siri@stord.no", organisation=cast.imdi)
    before = row_counts()

    with pytest.raises(ImportRefused) as refused:
        import_legacy(by=None, directory=EXAMPLE_DIR)

    (problem,) = refused.value.problems
    assert problem.message.startswith("Databasen avviste skrivingen")
    assert row_counts() == before


def test_the_command_names_who_ran_it_by_e_mail_in_any_case(cast: SimpleNamespace) -> None:
    run(EXAMPLE_DIR, "--utfort-av", cast.imdi_admin.email.upper())
    event = AuditEvent.objects.get(event_type=EventType.LEGACY_IMPORTED)
    assert event.actor == cast.imdi_admin


@pytest.mark.parametrize("persona", ["bergen_caseworker", None])
def test_the_command_refuses_a_runner_who_is_not_an_imdi_user(
    cast: SimpleNamespace, persona: str | None
) -> None:
    email = getattr(cast, persona).email if persona else "ingen@imdi.example"
    with pytest.raises(CommandError, match="Finner ingen IMDi-bruker"):
        run(EXAMPLE_DIR, "--utfort-av", email)
    assert not Person.objects.exists()


def test_the_command_refuses_a_directory_that_is_not_there(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    with pytest.raises(CommandError, match="Finner ikke mappen"):
        run(tmp_path / "finnes-ikke")


def test_a_row_deleted_here_since_the_last_run_is_made_again(cast: SimpleNamespace) -> None:
    run()
    Settlement.objects.filter(pk=imported(Settlement, "bosettinger", "B6").pk).delete()

    output = run()

    assert counts_of(output, "bosettinger") == ["1", "0", "5"]
    assert Settlement.objects.filter(person__duf_number="202400000016").count() == 1


def test_the_settlement_decision_goes_to_the_municipality_that_said_yes(
    cast: SimpleNamespace,
) -> None:
    run()
    decision = imported(SettlementDecision, "bosettingsvedtak", "BV3")  # S3: Stord no, Bergen yes
    assert decision.municipality == cast.bergen
    assert imported(Case, "saker", "S3").municipality == cast.bergen


def test_proposals_are_answered_on_their_last_answer_and_expired_on_their_deadline(
    cast: SimpleNamespace,
) -> None:
    run()
    answered = imported(Proposal, "foresporsler", "F1")
    expired = imported(Proposal, "foresporsler", "F7")
    waiting = imported(Proposal, "foresporsler", "F5")
    assert timezone.localtime(answered.answered_at) == timezone.make_aware(
        datetime.datetime.combine(datetime.date(2025, 2, 5), OSLO_NOON)
    )
    assert timezone.localtime(expired.closed_at).date() == datetime.date(2025, 8, 8)
    assert expired.answered_at is None
    assert (waiting.state, waiting.closed_at) == (Proposal.State.SENT, None)


def test_dates_of_the_old_system_are_noon_in_oslo(cast: SimpleNamespace) -> None:
    run()
    created = timezone.localtime(imported(Case, "saker", "S1").created_at)
    assert (created.date(), created.time()) == (datetime.date(2025, 1, 10), OSLO_NOON)


def test_imported_persons_are_found_by_the_name_search(cast: SimpleNamespace) -> None:
    run()
    found = search_persons(cast.imdi_caseworker, "kovalenko iv").persons
    assert [person.duf_number for person in found] == ["202400000007"]
    assert [p.duf_number for p in search_persons(cast.imdi_caseworker, "olena").persons] == [
        "202400000011"
    ]


def test_health_details_are_imported_with_their_consent_and_not_without(
    cast: SimpleNamespace,
) -> None:
    run()
    with_consent = imported(AssessmentVersion, "kartlegginger", "K2")
    assert (with_consent.health_consent, with_consent.health_consent_date) == (
        True,
        datetime.date(2025, 1, 20),
    )
    assert with_consent.health_consent_taken_by == "Mona Fana, mottaksansatt"
    assert (
        not AssessmentVersion.objects.filter(health_consent=False)
        .exclude(health_details="")
        .exists()
    )


def test_a_user_whose_email_has_capitals_here_is_found_and_not_made_twice(
    cast: SimpleNamespace,
) -> None:
    # docs/import-format.md: the e-mail is the natural key, "compared without regard to case".
    cast.imdi_caseworker.email = "Ola.Hansen@IMDi.example"
    cast.imdi_caseworker.save()

    run()

    assert User.objects.filter(email__iexact="ola.hansen@imdi.example").get() == (
        cast.imdi_caseworker
    )


def test_an_export_that_leaves_rows_out_keeps_their_references_for_the_next_full_one(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    partial = example_copy(tmp_path, name="partial")
    for entity, column, dropped in [
        ("saker", "gammel_id", {"S8"}),
        ("personer", "sak", {"S8"}),
        ("kartlegginger", "person", {"P19", "P20"}),
        ("foresporsel_saker", "sak", {"S8"}),
        ("foresporsler", "gammel_id", {"F7"}),
    ]:
        rows = [row for row in read_rows(partial, entity) if row[column] not in dropped]
        write_file(partial, entity, rows)
    run()
    run(partial)

    assert LegacyReference.objects.filter(entity="saker", legacy_id="S8").exists()
    # Before, the case had lost its reference and the full export was refused: «Personen ... er
    # allerede i sak 000008, som er registrert i det nye systemet».
    output = run()
    assert counts_of(output, "saker")[0] == "0"
    assert Case.objects.count() == 8


def test_a_corrected_saved_date_that_reorders_the_versions_is_imported(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    newer = example_copy(tmp_path, Edit("kartlegginger", "K1a", "lagret_dato", "2025-01-18"))
    run()

    output = run(newer)  # before: «Databasen avviste skrivingen: UNIQUE constraint ... number»

    person = Person.objects.get(duf_number="202400000001")
    assert person.current_assessment == imported(AssessmentVersion, "kartlegginger", "K1a")
    assert person.current_assessment.number == 2
    assert person.current_assessment.data["norwegian_level"] == ""
    assert imported(AssessmentVersion, "kartlegginger", "K1").number == 1
    assert counts_of(output, "kartlegginger") == ["0", "2", "19"]


def _with_consent_withdrawn_after_k2(directory: Path) -> Path:
    rows = read_rows(directory, "kartlegginger")
    k2 = next(row for row in rows if row["gammel_id"] == "K2")
    withdrawn = dict(
        k2,
        gammel_id="K2b",
        lagret_dato="2025-01-25",
        helse_samtykke="nei",
        samtykke_dato="",
        samtykke_tatt_av="",
        helseopplysninger="",
    )
    write_file(directory, "kartlegginger", [*rows, withdrawn])
    return directory


def test_health_details_before_a_withdrawn_consent_are_not_imported(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    run(_with_consent_withdrawn_after_k2(example_copy(tmp_path)))

    earlier = imported(AssessmentVersion, "kartlegginger", "K2")
    assert (earlier.number, earlier.health_consent, earlier.health_details) == (1, True, "")
    person = Person.objects.get(duf_number="202400000002")
    assert person.current_assessment == imported(AssessmentVersion, "kartlegginger", "K2b")
    event = AuditEvent.objects.get(event_type=EventType.LEGACY_IMPORTED)
    assert event.details["health_details_erased"] == 1
    assert "diabetes" not in str(event.details)


def test_a_withdrawal_in_a_newer_export_erases_the_details_imported_before(
    cast: SimpleNamespace, tmp_path: Path
) -> None:
    run()
    assert imported(AssessmentVersion, "kartlegginger", "K2").health_details

    output = run(_with_consent_withdrawn_after_k2(example_copy(tmp_path)))

    assert imported(AssessmentVersion, "kartlegginger", "K2").health_details == ""
    assert counts_of(output, "kartlegginger") == ["1", "1", "20"]
