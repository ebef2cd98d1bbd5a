"""Writing many rows at once without a model instance per row: for generated history and imports.

`bulk_create` builds a model instance per row and prepares every value through its field; for a
million audit events that is most of the time. `insert_rows` takes plain tuples of values in
column order instead: on PostgreSQL it streams them with COPY, elsewhere one `executemany`.
Rows are written in list order, so ids from the table's sequence follow that order on both
databases.
`bulk_copy` is `bulk_create` with COPY on PostgreSQL, for model instances that others point to.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from enum import Enum
from typing import Any, TypeVar

from django.db import connection, models

M = TypeVar("M", bound=models.Model)


def _columns(model: type[models.Model], fields: Sequence[str]) -> list[models.Field[Any, Any]]:
    meta = model._meta
    return [meta.get_field(name) for name in fields]  # type: ignore[misc]


def insert_rows(
    model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    """Insert `rows` (values in the order of `fields`, by attribute name: "case_id") into
    `model`'s table; how many. JSON fields take Python values; the rest what the field holds."""
    columns = _columns(model, fields)
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column.column) for column in columns)
    json_at = [i for i, column in enumerate(columns) if isinstance(column, models.JSONField)]
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The raw cursor's COPY: its errors become Django's (an IntegrityError) here.
            with (
                connection.wrap_database_errors,
                cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
            ):
                for row in rows:
                    if json_at:
                        values = list(row)
                        for i in json_at:
                            values[i] = json.dumps(values[i], cls=columns[i].encoder)  # type: ignore[attr-defined]
                        row = values
                    copy.write_row(row)
                    count += 1
            return count
        prepared = [
            [
                column.get_db_prep_save(value, connection)
                for column, value in zip(columns, row, strict=True)
            ]
            for row in rows
        ]
        placeholders = ", ".join(["%s"] * len(columns))
        # The names are the model's own, quoted; the values are parameters.
        sql = f"INSERT INTO {table} ({names}) VALUES ({placeholders})"  # noqa: S608
        cursor.executemany(sql, prepared)
        return len(prepared)


# Values psycopg writes as the database reads them; anything else goes through its field.
_PLAIN = (str, int, bool, float, datetime.date, type(None))


def bulk_copy(objs: Iterable[M]) -> list[M]:
    """`bulk_create` for plain tables, with COPY on PostgreSQL: the rows get their ids from the
    table's sequence before they are streamed, and each object gets its id as with bulk_create.
    Values go through their field only when they are not plain already (a JSON value, a
    Decimal, a naive time). Elsewhere this is bulk_create."""
    objs = list(objs)
    if not objs:
        return objs
    model = type(objs[0])
    if connection.vendor != "postgresql":
        return model._default_manager.bulk_create(objs)
    meta = model._meta
    pk = meta.pk
    assert pk is not None
    missing = [obj for obj in objs if obj.pk is None]
    for obj, new_id in zip(missing, _allocate_ids(model, len(missing)), strict=True):
        obj.pk = new_id
    fields = list(meta.concrete_fields)
    table = connection.ops.quote_name(meta.db_table)
    names = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    alias = connection.alias
    with (
        connection.cursor() as cursor,
        connection.wrap_database_errors,
        cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
    ):
        for obj in objs:
            obj._prepare_related_fields_for_save(operation_name="bulk_create")  # type: ignore[attr-defined]
            row = []
            for field in fields:
                value = field.pre_save(obj, True)
                if isinstance(field, models.JSONField):
                    value = None if value is None else json.dumps(value, cls=field.encoder)
                elif type(value) not in _PLAIN and not (
                    type(value) is datetime.datetime and value.tzinfo is not None
                ):
                    value = field.get_db_prep_save(value, connection)
                    if isinstance(value, Enum):
                        value = value.value
                row.append(value)
            copy.write_row(row)
            obj._state.adding = False
            obj._state.db = alias
    return objs


def _allocate_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` new ids from `model`'s sequence, in rising order, that no other row will get."""
    if count == 0:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, model._meta.pk.column, count],
        )
        return sorted(row[0] for row in cursor.fetchall())


@contextmanager
def indexes_built_after(*models_: type[models.Model]) -> Iterator[None]:
    """Within a transaction on PostgreSQL: drop the models' own indexes (their Meta `indexes`),
    and build them again at the end. Building an index once over a million rows costs a fraction
    of keeping it up to date row by row while they are written (most of the national
    generator's time in the audit table). A rollback brings them back with everything else;
    elsewhere this does nothing."""
    if connection.vendor != "postgresql":
        yield
        return
    assert connection.in_atomic_block, "indexes are dropped only inside a transaction"
    with connection.schema_editor(atomic=False) as editor:
        for model in models_:
            for index in model._meta.indexes:
                editor.remove_index(model, index)
    yield
    with connection.cursor() as cursor:
        # Django's foreign keys are checked at commit (DEFERRABLE INITIALLY DEFERRED), and
        # PostgreSQL builds no index on a table with checks pending: run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with connection.schema_editor(atomic=False) as editor:
        for model in models_:
            for index in model._meta.indexes:
                editor.add_index(model, index)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
