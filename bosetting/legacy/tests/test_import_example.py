"""The example data set imports, a re-run changes nothing, and a dry run writes nothing."""

from __future__ import annotations

import io
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.management import call_command

from bosetting.accounts.models import User
from bosetting.audit.models import AuditEvent, EventType
from bosetting.cases.models import Case, CaseState, Person
from bosetting.distribution.models import Proposal, ProposedCase, SettlementDecision
from bosetting.distribution.transitions import ALLOWED_MOVES as PROPOSAL_MOVES
from bosetting.legacy.models import LegacyReference
from bosetting.legacy.samples import EXAMPLE_DIR
from bosetting.organisations.models import ReceptionCentre
from bosetting.planning.models import MunicipalDecision, SettlementRequest
from bosetting.planning.transitions import DECISION_MOVES, REQUEST_MOVES
from bosetting.settlement.models import Settlement, Source

from .counting import row_counts

pytestmark = pytest.mark.django_db

REQUEST_STATE_BY_DECISION = {
    None: SettlementRequest.State.SENT,
    MunicipalDecision.State.APPROVED: SettlementRequest.State.DECIDED,
    MunicipalDecision.State.ACKNOWLEDGED: SettlementRequest.State.ACKNOWLEDGED,
}


def run(*args: Any) -> str:
    out = io.StringIO()
    call_command("import_legacy", str(EXAMPLE_DIR), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def case_of(duf: str) -> Case:
    case = Person.objects.get(duf_number=duf).case
    assert case is not None
    return case


def test_example_set_imports_every_file(cast: SimpleNamespace) -> None:
    output = run()

    assert "Overføringen er lagret." in output
    assert User.objects.filter(email__endswith=".example").count() == 7
    assert SettlementRequest.objects.count() == 6
    assert MunicipalDecision.objects.count() == 4
    assert Case.objects.count() == 8
    assert Person.objects.count() == 20
    assert Proposal.objects.count() == 7
    assert ProposedCase.objects.count() == 7
    assert SettlementDecision.objects.count() == 4
    assert Settlement.objects.count() == 6
    assert ReceptionCentre.objects.count() == 2  # Fana mottak was here; Stord's is new
    assert LegacyReference.objects.count() == 2 + 7 + 6 + 4 + 8 + 20 + 21 + 7 + 7 + 4 + 6


def test_example_set_puts_cases_in_the_states_their_facts_say(cast: SimpleNamespace) -> None:
    run()

    assert case_of("202400000001").state == CaseState.SETTLED
    assert case_of("202400000001").municipality == cast.bergen
    assert case_of("202400000005").state == CaseState.MATCHED
    assert case_of("202400000005").municipality == cast.oslo
    assert case_of("202400000007").state == CaseState.SETTLED  # after Stord said no
    assert case_of("202400000008").state == CaseState.PROPOSED
    assert case_of("202400000011").state == CaseState.READY
    assert case_of("202400000014").state == CaseState.BEING_ASSESSED  # no Norwegian level
    assert case_of("202400000016").state == CaseState.MATCHED  # one of three settled
    assert case_of("202400000019").state == CaseState.READY  # the proposal expired


def test_example_set_writes_the_states_the_actions_would_reach(cast: SimpleNamespace) -> None:
    run()

    # A request's state follows its current decision, as approving and acknowledging make it.
    current = dict(
        MunicipalDecision.objects.exclude(
            state__in=[MunicipalDecision.State.DRAFT, MunicipalDecision.State.REPLACED]
        ).values_list("request_id", "state")
    )
    for pk, state in SettlementRequest.objects.values_list("pk", "state"):
        assert state in REQUEST_MOVES
        assert state == REQUEST_STATE_BY_DECISION[current.get(pk)]
    assert current and set(current.values()) <= set(DECISION_MOVES)
    proposals = set(Proposal.objects.values_list("state", flat=True))
    assert proposals and proposals <= set(PROPOSAL_MOVES) - {Proposal.State.DRAFT}


def test_example_set_keeps_the_facts_of_each_row(cast: SimpleNamespace) -> None:
    run()

    head = Person.objects.get(duf_number="202400000001")
    assert head.full_name == "Yonas Tesfay"
    assert head.languages == ["tir", "ara"]
    assert head.current_assessment is not None
    assert head.current_assessment.number == 2
    assert head.assessments.count() == 2
    with_consent = Person.objects.get(duf_number="202400000002").current_assessment
    assert with_consent is not None and with_consent.health_consent
    assert "diabetes" in with_consent.health_details
    settlement = Settlement.objects.get(person=head)
    assert (settlement.municipality, settlement.source) == (cast.bergen, Source.IMPORT)
    assert settlement.settled_year == 2025 and settlement.age_at_settlement == 39
    request = SettlementRequest.objects.get(year=2025, municipality=cast.bergen)
    assert request.state == SettlementRequest.State.ACKNOWLEDGED
    assert request.decisions.get().places == 120
    stord = SettlementRequest.objects.get(year=2025, municipality=cast.stord)
    assert stord.state == SettlementRequest.State.DECIDED
    declined = ProposedCase.objects.get(proposal__municipality=cast.stord, answer="declined")
    assert declined.decline_reason == ProposedCase.DeclineReason.HOUSING


def test_imported_users_cannot_log_in_before_they_set_a_password(cast: SimpleNamespace) -> None:
    run()

    user = User.objects.get(email="bjorn.dal@bergen.example")
    assert not user.has_usable_password()
    assert user.organisation == cast.bergen.organisation
    assert user.role_set == {"municipal_admin", "municipal_caseworker"}
    assert user.first_name == "Bjørn"


def test_re_import_changes_nothing(cast: SimpleNamespace) -> None:
    run()
    before = row_counts()

    output = run()

    assert "Alt var allerede overført" in output
    assert row_counts(exclude_audit=True) == {
        k: v for k, v in before.items() if k != "audit.auditevent"
    }
    table = [line for line in output.splitlines() if ".csv " in line or line.startswith("Sum")]
    assert len(table) == 13  # every file and the sum: nothing created or changed
    for line in table:
        assert line.split()[1:3] == ["0", "0"], line


def test_re_import_finds_persons_by_duf_number_and_updates_changed_fields(
    cast: SimpleNamespace, tmp_path: Any
) -> None:
    run()
    Person.objects.filter(duf_number="202400000001").update(given_names="Feil")
    LegacyReference.objects.filter(entity="personer").delete()  # only the natural key is left

    output = run()

    assert Person.objects.get(duf_number="202400000001").given_names == "Yonas"
    persons_line = next(line for line in output.splitlines() if line.startswith("personer.csv"))
    assert persons_line.split()[1:] == ["0", "1", "19"]
    assert Person.objects.count() == 20


def test_dry_run_writes_nothing_and_counts_what_a_run_would_create(
    cast: SimpleNamespace,
) -> None:
    before = row_counts()

    output = run("--dry-run")

    assert row_counts() == before
    assert "Tørrkjøring: ingenting er lagret." in output
    persons_line = next(line for line in output.splitlines() if line.startswith("personer.csv"))
    assert persons_line.split()[1:] == ["20", "0", "0"]


def test_each_import_writes_one_audit_event_with_the_files_hashes(
    cast: SimpleNamespace,
) -> None:
    run("--utfort-av", cast.imdi_admin.email)
    run()

    events = list(AuditEvent.objects.filter(event_type=EventType.LEGACY_IMPORTED).order_by("id"))
    assert len(events) == 2
    first, second = events
    assert first.actor == cast.imdi_admin
    assert second.actor is None and second.actor_label.startswith("import_legacy (")
    assert len(first.details["files"]) == 12
    assert all(len(digest) == 64 for digest in first.details["files"].values())
    assert first.details["counts"]["personer"] == {"created": 20, "changed": 0, "unchanged": 0}
    assert second.details["counts"]["personer"] == {"created": 0, "changed": 0, "unchanged": 20}
    # The bulk write records the import, not one event per row.
    assert AuditEvent.objects.filter(event_type=EventType.PERSON_REGISTERED).count() == 0


@pytest.mark.parametrize("entity", ["brukere", "anmodninger", "personer"])
def test_rows_are_found_again_by_natural_key_without_their_old_ids(
    cast: SimpleNamespace, entity: str
) -> None:
    run()
    before = row_counts(exclude_audit=True)
    LegacyReference.objects.filter(entity=entity).delete()

    output = run()

    line = next(line for line in output.splitlines() if line.startswith(f"{entity}.csv"))
    assert line.split()[1:3] == ["0", "0"]
    assert row_counts(exclude_audit=True) == before


def test_a_user_already_here_keeps_their_account_and_is_told_of_roles_not_added(
    cast: SimpleNamespace,
) -> None:
    cast.imdi_caseworker.email = "ola.hansen@imdi.example"
    cast.imdi_caseworker.save()

    output = run()

    user = User.objects.get(email="ola.hansen@imdi.example")
    assert user.pk == cast.imdi_caseworker.pk
    # They have a password: someone may be using the account, and a role is power given to them.
    assert user.role_set == {"imdi_caseworker"}
    assert user.has_usable_password()  # their own password is left alone
    assert (
        "Merk: brukere.csv:3 [roller] Brukeren finnes og har passord; rollene imdi_admin legges "
        "ikke til uten --legg-til-roller." in output
    )
    assert (user.first_name, user.last_name) == ("Ola", "Hansen")  # the names are the file's
    line = next(line for line in output.splitlines() if line.startswith("brukere.csv"))
    assert line.split()[1:] == ["6", "1", "0"]


def test_with_the_flag_a_user_already_here_gains_the_missing_roles(
    cast: SimpleNamespace,
) -> None:
    cast.imdi_caseworker.email = "ola.hansen@imdi.example"
    cast.imdi_caseworker.save()

    output = run("--legg-til-roller")

    user = User.objects.get(email="ola.hansen@imdi.example")
    assert user.role_set == {"imdi_admin", "imdi_caseworker"}
    assert "rollene imdi_admin legges til (--legg-til-roller)." in output
    line = next(line for line in output.splitlines() if line.startswith("brukere.csv"))
    assert line.split()[1:] == ["6", "1", "0"]
    event = AuditEvent.objects.get(event_type=EventType.LEGACY_IMPORTED)
    assert event.details["notices"] == [
        "brukere.csv:3 [roller] Brukeren finnes og har passord; rollene imdi_admin legges til "
        "(--legg-til-roller)."
    ]
