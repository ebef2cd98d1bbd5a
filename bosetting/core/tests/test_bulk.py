"""Bulk writing without bulk_create: COPY on PostgreSQL, one executemany on SQLite."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction

from bosetting.cases.models import Case, CaseState, Person, Sex
from bosetting.core.bulk import bulk_copy, insert_rows
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
