"""Audit events for generated history, written in bulk with the hash chain intact.

`record_event` reads the previous hash and inserts one row per call: right for actions, far too
slow for a million events. Here events are collected, put in time order, chained in Python
exactly as `AuditEvent.compute_hash` does, and bulk-inserted in id order, so
`verify_audit_log` walks them like any other events. The caller holds one transaction and the
chain lock for the whole run, so no action can append between two batches.
"""

from __future__ import annotations

import datetime
import heapq
from collections.abc import Callable
from typing import Any

from bosetting.audit.actions import lock_chain
from bosetting.audit.models import (
    GENESIS_HASH,
    AuditEvent,
    EventType,
    canonical_content,
    chain_hash,
)
from bosetting.core.bulk import insert_rows

BATCH = 20_000

# The columns written, by attribute name; the two hashes come last, added when chained.
FIELDS = (
    "occurred_at",
    "actor_id",
    "actor_label",
    "actor_organisation_id",
    "event_type",
    "summary",
    "object_type",
    "object_id",
    "municipality_id",
    "ip_address",
    "case_reference",
    "details",
    "previous_hash",
    "hash",
)


class ChainedEventWriter:
    """Buffers events and writes those older than a moment, oldest first, chained.

    An event is a plain tuple until it is written: a model instance per event, and Django
    preparing each of its values, cost more than the rest of the generation together."""

    def __init__(self, progress: Callable[[int], None] | None = None) -> None:
        # (moment, sequence, values in FIELDS order without the hashes): the sequence keeps
        # events of the same second in the order they were added, and is never equal.
        self._pending: list[tuple[datetime.datetime, int, tuple[Any, ...]]] = []
        self._sequence = 0
        self.written = 0
        self._progress = progress
        lock_chain()
        last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
        self._previous_hash = last or GENESIS_HASH

    def add(
        self,
        *,
        occurred_at: datetime.datetime,
        event_type: EventType,
        summary: str,
        object_type: str = "",
        object_id: Any = "",
        municipality_id: int | None = None,
        actor: Any = None,
        actor_label: str,
        actor_organisation_id: int | None = None,
        details: dict[str, Any] | None = None,
        case_reference: str = "",
    ) -> None:
        # Seconds only and UTC, as record_event stores them: the sealed ISO string must survive
        # the round trip through either database.
        moment = occurred_at.replace(microsecond=0).astimezone(datetime.UTC)
        values = (
            moment,
            actor.pk if actor is not None else None,
            actor_label[:200],
            actor_organisation_id,
            str(event_type.value),
            summary[:500],
            object_type,
            str(object_id),
            municipality_id,
            None,
            case_reference,
            details or {},
        )
        self._sequence += 1
        heapq.heappush(self._pending, (moment, self._sequence, values))

    def flush(self, *, before: datetime.datetime | None = None) -> None:
        """Write every buffered event older than `before` (all when None), in time order."""
        batch: list[tuple[Any, ...]] = []
        pending = self._pending
        previous_hash = self._previous_hash
        while pending and (before is None or pending[0][0] < before):
            values = heapq.heappop(pending)[2]
            # Sealed exactly as AuditEvent.compute_hash seals the event read back.
            content = canonical_content(
                occurred_at=values[0].isoformat(),
                actor=values[1],
                actor_label=values[2],
                actor_organisation=values[3],
                event_type=values[4],
                summary=values[5],
                object_type=values[6],
                object_id=values[7],
                municipality=values[8],
                ip_address=values[9],
                case_reference=values[10],
                details=values[11],
            )
            event_hash = chain_hash(previous_hash, content)
            batch.append((*values, previous_hash, event_hash))
            previous_hash = event_hash
            if len(batch) >= BATCH:
                self._write(batch)
                batch = []
        self._previous_hash = previous_hash
        if batch:
            self._write(batch)

    def _write(self, batch: list[tuple[Any, ...]]) -> None:
        # Rows go in list order (COPY on PostgreSQL), and ids follow it on both databases, so
        # the chain read back by id is the chain sealed here.
        insert_rows(AuditEvent, FIELDS, batch)
        self.written += len(batch)
        if self._progress is not None:
            self._progress(self.written)
