"""Writing one file's records: create what is new, update what differs, leave the rest, in bulk.

A record is found again by its old id (LegacyReference) or, the first time, by its natural key
(e-mail, DUF number, year and municipality). Only the fields in `values` are compared and
updated; `create_values` are set once (a registration time, an unusable password).
See docs/adr/0009-legacy-import-writes-in-bulk.md for why this bypasses the actions.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import models

from bosetting.core.bulk import bulk_copy, insert_rows

from .models import LegacyReference
from .progress import Progress

BATCH = 2_000

T = TypeVar("T")


@dataclass
class Item:
    legacy_id: str
    values: dict[str, Any]
    create_values: dict[str, Any] = field(default_factory=dict)


@dataclass
class Counts:
    created: int = 0
    changed: int = 0
    unchanged: int = 0


@dataclass
class Synced:
    pks: dict[str, int]  # legacy id -> primary key here
    created: set[str]
    changed: set[str]
    counts: Counts


def chunks(items: Sequence[T], size: int = BATCH) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def sync(
    *,
    entity: str,
    model: type[models.Model],
    items: list[Item],
    natural: dict[str, int] | None = None,
    now: datetime.datetime,
    progress: Progress,
    label: str,
) -> Synced:
    natural = natural or {}
    references = dict(
        LegacyReference.objects.filter(entity=entity).values_list("legacy_id", "object_id")
    )
    known_pks = {
        pk
        for item in items
        for pk in (references.get(item.legacy_id), natural.get(item.legacy_id))
        if pk
    }
    existing: dict[int, models.Model] = {}
    for pk_chunk in chunks(sorted(known_pks)):
        existing.update(model._default_manager.in_bulk(list(pk_chunk)))
    # A reference to a row deleted here since the last run points nowhere: the row is found by
    # its natural key or made again. Only the rows of this file are looked at: an export that
    # leaves rows out says nothing about them, and their references must stay for the next one.
    stale = {
        item.legacy_id
        for item in items
        if item.legacy_id in references and references[item.legacy_id] not in existing
    }
    for stale_chunk in chunks(sorted(stale)):
        LegacyReference.objects.filter(entity=entity, legacy_id__in=stale_chunk).delete()
    wanted = {
        item.legacy_id: references[item.legacy_id]
        if item.legacy_id in references and item.legacy_id not in stale
        else natural.get(item.legacy_id)
        for item in items
    }

    counts = Counts()
    new: list[tuple[str, models.Model]] = []
    changed: list[models.Model] = []
    changed_ids: set[str] = set()
    changed_fields: set[str] = set()
    pks: dict[str, int] = {}
    progress.start(label, len(items))
    for item in items:
        obj = existing.get(wanted[item.legacy_id] or 0)
        if obj is None:
            new.append((item.legacy_id, model(**item.values, **item.create_values)))
            continue
        progress.step()
        pks[item.legacy_id] = obj.pk
        differing = [name for name, value in item.values.items() if getattr(obj, name) != value]
        if differing:
            for name in differing:
                setattr(obj, name, item.values[name])
            changed.append(obj)
            changed_ids.add(item.legacy_id)
            changed_fields.update(differing)
            counts.changed += 1
        else:
            counts.unchanged += 1
    for chunk in chunks([obj for _legacy_id, obj in new]):
        bulk_copy(chunk)
        progress.step(len(chunk))
    progress.done()
    for legacy_id, obj in new:
        pks[legacy_id] = obj.pk
    counts.created = len(new)
    if changed:
        model._default_manager.bulk_update(changed, sorted(changed_fields), batch_size=BATCH)

    content_type = ContentType.objects.get_for_model(model)
    unreferenced = [
        legacy_id for legacy_id in pks if legacy_id not in references or legacy_id in stale
    ]
    # Plain rows, not model instances: one reference for every row written the first time.
    insert_rows(
        LegacyReference,
        ("entity", "legacy_id", "content_type_id", "object_id", "imported_at"),
        [(entity, legacy_id, content_type.pk, pks[legacy_id], now) for legacy_id in unreferenced],
    )
    return Synced(
        pks=pks,
        created={legacy_id for legacy_id, _obj in new},
        changed=changed_ids,
        counts=counts,
    )
