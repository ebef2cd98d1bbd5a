"""Nothing in the application changes or removes an event once it is written."""

import pytest
from django.db import DatabaseError, connection, transaction

from bosetting.audit.models import AuditEvent

from .factories import AuditEventFactory


def test_saving_an_existing_event_is_refused(db):
    event = AuditEventFactory()
    event.summary = "Endret"

    with pytest.raises(TypeError, match="kan ikke endres"):
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).summary != "Endret"


def test_deleting_an_event_is_refused(db):
    event = AuditEventFactory()

    with pytest.raises(TypeError, match="kan ikke slettes"):
        event.delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_updating_through_a_queryset_is_refused(db):
    AuditEventFactory()

    with pytest.raises(TypeError, match="kan ikke endres"):
        AuditEvent.objects.all().update(summary="Endret")
    with pytest.raises(TypeError, match="kan ikke endres"):
        AuditEvent.objects.update(summary="Endret")
    assert not AuditEvent.objects.filter(summary="Endret").exists()


def test_bulk_update_is_refused(db):
    event = AuditEventFactory()
    event.summary = "Endret"

    with pytest.raises(TypeError, match="kan ikke endres"):
        AuditEvent.objects.bulk_update([event], ["summary"])


def test_deleting_through_a_queryset_is_refused(db):
    AuditEventFactory.create_batch(2)

    with pytest.raises(TypeError, match="kan ikke slettes"):
        AuditEvent.objects.all().delete()
    with pytest.raises(TypeError, match="kan ikke slettes"):
        AuditEvent.objects.filter(pk__gt=0).delete()
    assert AuditEvent.objects.count() == 2


@pytest.mark.postgresql
def test_postgresql_refuses_an_update_from_any_client(db):
    event = AuditEventFactory()

    with (
        pytest.raises(DatabaseError, match="kan ikke endres eller slettes"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE audit_auditevent SET summary = 'Endret' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).summary != "Endret"


@pytest.mark.postgresql
def test_postgresql_refuses_a_delete_from_any_client(db):
    event = AuditEventFactory()

    with (
        pytest.raises(DatabaseError, match="kan ikke endres eller slettes"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()
