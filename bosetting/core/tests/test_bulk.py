"""Bulk writing without bulk_create: COPY on PostgreSQL, one executemany on SQLite."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction

from bosetting.audit.actions import record_event
from bosetting.audit.models import AuditEvent, EventType
from bosetting.cases.models import Case, CaseState, Person, Sex
from bosetting.core.bulk import bulk_copy, indexes_built_after, insert_rows
from bosetting.legacy.models import LegacyReference

pytestmark = pytest.mark.django_db

MOMENT = datetime.datetime(2024, 3, 5, 10, 30, tzinfo=datetime.UTC)


def test_bulk_copy_gives_every_object_its_id_and_writes_its_values() -> None:
    cases = bulk_copy(
        Case(state=state, created_at=MOMENT, state_changed_at=MOMENT)
        for state in [CaseState.READY, CaseState.PROPOSED]
    )
    persons = bulk_copy(
        [
            Person(
                duf_number=f"20240000000{index}",
                given_names="Amina",
                family_name="Hassan",
                birth_date=datetime.date(1990, 1, 1),
                sex=Sex.FEMALE,
                citizenship="SYR",
                languages=["ar", "en"],
                case=case,
                registered_at=MOMENT,
            )
            for index, case in enumerate(cases)
        ]
    )

    assert [case.pk for case in cases] == sorted(case.pk for case in cases)
    assert not any(case._state.adding for case in cases)
    read = {case.pk: case for case in Case.objects.all()}
    assert [read[case.pk].state for case in cases] == ["ready", "proposed"]
    assert read[cases[0].pk].created_at == MOMENT
    person = Person.objects.get(pk=persons[1].pk)
    assert person.case_id == cases[1].pk
    assert person.languages == ["ar", "en"]
    assert person.birth_date == datetime.date(1990, 1, 1)


def test_insert_rows_writes_plain_rows_in_their_order() -> None:
    content_type = ContentType.objects.get_for_model(Case)
    rows = [("saker", f"S{index}", content_type.pk, index, MOMENT) for index in range(3)]

    written = insert_rows(
        LegacyReference,
        ("entity", "legacy_id", "content_type_id", "object_id", "imported_at"),
        rows,
    )

    assert written == 3
    assert list(
        LegacyReference.objects.order_by("pk").values_list("legacy_id", "object_id", "imported_at")
    ) == [(f"S{index}", index, MOMENT) for index in range(3)]


def test_a_row_the_database_refuses_raises_djangos_integrity_error() -> None:
    content_type = ContentType.objects.get_for_model(Case)
    row = ("saker", "S1", content_type.pk, 1, MOMENT)
    fields = ("entity", "legacy_id", "content_type_id", "object_id", "imported_at")

    with pytest.raises(IntegrityError), transaction.atomic():
        insert_rows(LegacyReference, fields, [row, row])
    with pytest.raises(IntegrityError), transaction.atomic():
        bulk_copy(
            LegacyReference(
                entity="saker",
                legacy_id="S1",
                content_type=content_type,
                object_id=1,
                imported_at=MOMENT,
            )
            for _ in range(2)
        )
    assert not LegacyReference.objects.exists()


def _audit_indexes() -> set[str]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, AuditEvent._meta.db_table)
    return {name for name, info in constraints.items() if info["index"] or info["unique"]}


@pytest.mark.django_db(transaction=True)
def test_indexes_are_dropped_while_writing_and_built_again_after() -> None:
    own = {index.name for index in AuditEvent._meta.indexes}
    before = _audit_indexes()
    assert own <= before
    with transaction.atomic(), indexes_built_after(AuditEvent):
        during = _audit_indexes()
        # A written row leaves its foreign-key checks pending until commit.
        record_event(by=None, event_type=EventType.MUNICIPALITIES_LOADED, summary="Skrevet")
    assert _audit_indexes() == before
    assert AuditEvent.objects.filter(summary="Skrevet").count() == 1
    if connection.vendor == "postgresql":
        assert not own & during
        assert "auditevent_hash_unique" in during  # the chain's uniqueness is never lifted
    else:
        assert during == before
    with pytest.raises(RuntimeError), transaction.atomic(), indexes_built_after(AuditEvent):
        raise RuntimeError("a failed generation")
    assert _audit_indexes() == before


@pytest.mark.django_db
def test_the_hash_has_one_unique_index_and_no_pattern_index() -> None:
    assert not any(name.endswith("_like") for name in _audit_indexes())
