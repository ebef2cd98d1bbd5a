"""verify_audit_log --checkpoint FILE: a signed head of the chain detects the newest events cut off."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from .factories import AuditEventFactory
from .test_chain import as_a_superuser_past_the_trigger

KEY = "k" * 40


def _verify(path) -> str:
    out = StringIO()
    call_command("verify_audit_log", checkpoint=path, stdout=out)
    return out.getvalue()


@override_settings(AUDIT_CHECKPOINT_KEY=KEY)
def test_the_first_run_writes_a_signed_checkpoint_of_the_head(db, tmp_path):
    *_, head = AuditEventFactory.create_batch(3)
    path = tmp_path / "kjede.json"

    assert _verify(path).startswith("OK: 3 hendelser")

    document = json.loads(path.read_text())
    assert (document["event_id"], document["hash"], document["events"]) == (head.pk, head.hash, 3)
    assert len(document["hmac"]) == 64


@override_settings(AUDIT_CHECKPOINT_KEY=KEY)
def test_new_events_since_the_checkpoint_are_fine_and_move_it_on(db, tmp_path):
    path = tmp_path / "kjede.json"
    AuditEventFactory.create_batch(2)
    _verify(path)
    newest = AuditEventFactory()

    assert _verify(path).startswith("OK: 3 hendelser")
    assert json.loads(path.read_text())["event_id"] == newest.pk


@override_settings(AUDIT_CHECKPOINT_KEY=KEY)
def test_deleting_the_newest_events_is_detected(db, tmp_path):
    path = tmp_path / "kjede.json"
    _first, _second, newest = AuditEventFactory.create_batch(3)
    _verify(path)
    with as_a_superuser_past_the_trigger() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [newest.pk])

    # The chain that is left is whole: without the checkpoint nothing would show.
    call_command("verify_audit_log", stdout=StringIO())
    with pytest.raises(CommandError, match=rf"Hendelse {newest.pk}.*finnes ikke lenger"):
        _verify(path)


@override_settings(AUDIT_CHECKPOINT_KEY=KEY)
def test_a_checkpoint_edited_to_hide_a_deletion_is_refused(db, tmp_path):
    path = tmp_path / "kjede.json"
    _first, second, _newest = AuditEventFactory.create_batch(3)
    _verify(path)
    document = json.loads(path.read_text())
    document.update(event_id=second.pk, hash=second.hash, events=2)
    path.write_text(json.dumps(document))

    with pytest.raises(CommandError, match="feil signatur"):
        _verify(path)


@override_settings(AUDIT_CHECKPOINT_KEY=KEY)
def test_a_checkpoint_signed_with_another_key_is_refused(db, tmp_path):
    path = tmp_path / "kjede.json"
    AuditEventFactory.create_batch(2)
    with override_settings(AUDIT_CHECKPOINT_KEY="x" * 40):
        _verify(path)

    with pytest.raises(CommandError, match="feil signatur"):
        _verify(path)


@override_settings(AUDIT_CHECKPOINT_KEY="")
def test_without_a_key_the_checkpoint_is_refused(db, tmp_path):
    AuditEventFactory()
    with pytest.raises(CommandError, match="AUDIT_CHECKPOINT_KEY"):
        _verify(tmp_path / "kjede.json")
