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
from dataclasses import dataclass, field
from typing import Any

from bosetting.audit.actions import lock_chain
from bosetting.audit.models import GENESIS_HASH, AuditEvent, EventType

BATCH = 5_000


@dataclass(order=True)
class _Pending:
    occurred_at: datetime.datetime
    sequence: int
    event: AuditEvent = field(compare=False)


class ChainedEventWriter:
    """Buffers events and writes those older than a moment, oldest first, chained."""

    def __init__(self, progress: Callable[[int], None] | None = None) -> None:
        self._pending: list[_Pending] = []
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
        event = AuditEvent(
            occurred_at=moment,
            actor=actor,
            actor_label=actor_label[:200],
            actor_organisation_id=actor_organisation_id,
            event_type=event_type,
            summary=summary[:500],
            object_type=object_type,
            object_id=str(object_id),
            municipality_id=municipality_id,
            ip_address=None,
            details=details or {},
            case_reference=case_reference,
        )
        self._sequence += 1
        heapq.heappush(self._pending, _Pending(moment, self._sequence, event))

    def flush(self, *, before: datetime.datetime | None = None) -> None:
        """Write every buffered event older than `before` (all when None), in time order."""
        batch: list[AuditEvent] = []
        while self._pending and (before is None or self._pending[0].occurred_at < before):
            event = heapq.heappop(self._pending).event
            event.previous_hash = self._previous_hash
            event.hash = event.compute_hash()
            self._previous_hash = event.hash
            batch.append(event)
            if len(batch) >= BATCH:
                self._write(batch)
                batch = []
        if batch:
            self._write(batch)

    def _write(self, batch: list[AuditEvent]) -> None:
        # One INSERT per batch; ids follow the list order on both databases, so the chain read
        # back by id is the chain sealed here.
        AuditEvent.objects.bulk_create(batch)
        self.written += len(batch)
        if self._progress is not None:
            self._progress(self.written)
