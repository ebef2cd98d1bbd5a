"""The hash chain: each event seals the one before it, and verify_audit_log finds any break."""

import itertools
import json
from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, ManagementUtility, call_command
from django.db import connection

from bosetting.audit.actions import record_event
from bosetting.audit.models import GENESIS_HASH, AuditEvent, EventType, chain_hash
from bosetting.cases.tests.factories import make_case

from .factories import AuditEventFactory


def _verify() -> str:
    out = StringIO()
    call_command("verify_audit_log", stdout=out)
    return out.getvalue()


@pytest.mark.django_db(transaction=True)  # the usual test wraps everything in a transaction
def test_record_event_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError, match="inside the action's transaction"):
        record_event(by=None, event_type=EventType.LOGIN, summary="Uten transaksjon")
    assert not AuditEvent.objects.exists()


def test_each_event_carries_the_hash_of_the_one_before(db):
    events = AuditEventFactory.create_batch(4)

    assert events[0].previous_hash == GENESIS_HASH
    for previous, event in itertools.pairwise(events):
        assert event.previous_hash == previous.hash
    assert len({event.hash for event in events}) == 4


def test_event_records_who_did_what_to_which_object(cast):
    event = AuditEventFactory(
        by=cast.bergen_admin,
        obj=cast.bergen_caseworker,
        municipality=cast.bergen,
        details={"roles": ["municipal_caseworker"]},
    )
    event = AuditEvent.objects.get(pk=event.pk)

    assert event.actor == cast.bergen_admin
    assert "bergen.admin" in event.actor_label
    assert event.actor_organisation == cast.bergen.organisation
    assert event.object_type == "accounts.user"
    assert event.object_id == str(cast.bergen_caseworker.pk)
    assert event.municipality == cast.bergen
    assert event.details == {"roles": ["municipal_caseworker"]}
    assert event.occurred_at.utcoffset().total_seconds() == 0


def test_verify_prints_ok_on_an_unbroken_chain(db):
    AuditEventFactory.create_batch(3)

    assert _verify().strip() == "OK: 3 hendelser kontrollert."


@contextmanager
def as_a_superuser_past_the_trigger() -> Iterator[Any]:
    """What someone with full control of PostgreSQL could do: switch the append-only trigger off
    for their session. The chain must still show it."""
    postgresql = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        if postgresql:
            cursor.execute("SET session_replication_role = replica")
        try:
            yield cursor
        finally:
            if postgresql:
                cursor.execute("SET session_replication_role = origin")


def test_verify_prints_ok_on_an_empty_log(db):
    assert _verify().startswith("OK: 0 hendelser")


def test_verify_finds_a_summary_changed_behind_the_applications_back(db):
    _first, tampered, _last = AuditEventFactory.create_batch(3)
    with as_a_superuser_past_the_trigger() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET summary = %s WHERE id = %s",
            ["Noe helt annet", tampered.pk],
        )

    with pytest.raises(CommandError, match=rf"hendelse {tampered.pk}: innholdet stemmer ikke"):
        _verify()


def test_verify_finds_a_row_deleted_from_the_middle(db):
    _first, deleted, following = AuditEventFactory.create_batch(3)
    with as_a_superuser_past_the_trigger() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [deleted.pk])

    with pytest.raises(CommandError, match=rf"hendelse {following.pk}: previous_hash"):
        _verify()


def test_verify_finds_a_row_whose_hash_was_recomputed_to_hide_a_change(db):
    tampered, following = AuditEventFactory.create_batch(2)
    tampered.summary = "Skjult endring"
    forged_hash = tampered.compute_hash()
    with as_a_superuser_past_the_trigger() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET summary = %s, hash = %s WHERE id = %s",
            [tampered.summary, forged_hash, tampered.pk],
        )

    with pytest.raises(CommandError, match=rf"hendelse {following.pk}"):
        _verify()


@pytest.mark.django_db(transaction=True)
def test_verify_exits_non_zero_from_the_command_line(capsys):
    first, _second = AuditEventFactory.create_batch(2)
    with as_a_superuser_past_the_trigger() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET actor_label = %s WHERE id = %s", ["Noen andre", first.pk]
        )

    with pytest.raises(SystemExit) as exit_info:
        ManagementUtility(["manage.py", "verify_audit_log"]).execute()

    assert exit_info.value.code == 1
    assert f"Kjeden er brutt ved hendelse {first.pk}" in capsys.readouterr().err


def test_an_ipv6_address_is_sealed_as_the_database_stores_it(db):
    from bosetting.core import request_context

    token = request_context.set_ip_address("2001:DB8:0:0:0:0:0:1")
    try:
        event = AuditEventFactory()
    finally:
        request_context.reset(token)

    assert AuditEvent.objects.get(pk=event.pk).ip_address == "2001:db8::1"
    assert _verify().startswith("OK: 1 ")


def test_an_address_that_is_not_one_is_left_out(db):
    from bosetting.core import request_context

    token = request_context.set_ip_address("ikke-en-adresse")
    try:
        event = AuditEventFactory()
    finally:
        request_context.reset(token)

    assert AuditEvent.objects.get(pk=event.pk).ip_address is None


def test_a_long_actor_label_is_cut_to_fit(db):
    event = AuditEventFactory(actor_label="x" * 500)

    assert len(AuditEvent.objects.get(pk=event.pk).actor_label) == 200
    assert _verify().startswith("OK: 1 ")


def _content_as_sealed_before_case_references(event: AuditEvent) -> str:
    """AuditEvent.canonical_content as it was before the case reference existed (ADR 4)."""
    return json.dumps(
        {
            "occurred_at": event.occurred_at.isoformat(),
            "actor": event.actor_id,
            "actor_label": event.actor_label,
            "actor_organisation": event.actor_organisation_id,
            "event_type": event.event_type,
            "summary": event.summary,
            "object_type": event.object_type,
            "object_id": event.object_id,
            "municipality": event.municipality_id,
            "ip_address": event.ip_address,
            "details": event.details,
        },
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )


def test_events_about_no_case_are_sealed_as_before_so_old_chains_still_verify(cast):
    event = AuditEventFactory(by=cast.bergen_admin, obj=cast.bergen_caseworker, details={"a": 1})
    event = AuditEvent.objects.get(pk=event.pk)

    assert event.case_reference == ""
    assert event.canonical_content() == _content_as_sealed_before_case_references(event)
    assert event.hash == chain_hash(
        event.previous_hash, _content_as_sealed_before_case_references(event)
    )


def test_the_case_reference_is_sealed_in_the_hash(db):
    case = make_case()  # the case, then its head of household
    about_case, about_person = AuditEvent.objects.order_by("pk")
    assert about_case.case_reference == about_person.case_reference == case.reference
    with as_a_superuser_past_the_trigger() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET case_reference = %s WHERE id = %s",
            ["999999", about_case.pk],
        )

    with pytest.raises(CommandError, match=rf"hendelse {about_case.pk}: innholdet stemmer ikke"):
        _verify()
