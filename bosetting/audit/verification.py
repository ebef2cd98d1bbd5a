"""Checking the hash chain of the audit log."""

from __future__ import annotations

from dataclasses import dataclass

from .models import GENESIS_HASH, AuditEvent


@dataclass(frozen=True)
class ChainBreak:
    event_id: int
    reason: str


def find_first_break(chunk_size: int = 5000) -> tuple[int, ChainBreak | None]:
    """Walk the chain in order; return how many events were checked and the first break, if any."""
    previous_hash = GENESIS_HASH
    checked = 0
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=chunk_size):
        if event.previous_hash != previous_hash:
            return checked, ChainBreak(event.pk, "previous_hash peker ikke på forrige hendelse")
        if event.compute_hash() != event.hash:
            return checked, ChainBreak(event.pk, "innholdet stemmer ikke med hashen")
        previous_hash = event.hash
        checked += 1
    return checked, None
