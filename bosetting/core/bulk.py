"""Writing many rows at once without a model instance per row: for generated history and imports.

`bulk_create` builds a model instance per row and prepares every value through its field; for a
million audit events that is most of the time. `insert_rows` takes plain tuples of values in
column order instead: on PostgreSQL it streams them with COPY, elsewhere one `executemany`.
Rows are written in list order, so ids from the table's sequence follow that order on both
databases.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models


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
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
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
