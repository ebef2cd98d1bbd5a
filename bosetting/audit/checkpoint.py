"""A signed checkpoint of the audit chain's head, kept outside the database.

The hash chain shows an event changed or removed in the middle, but not the newest events cut off
the end: the chain that is left is still whole. A checkpoint written daily (verify_audit_log
--checkpoint FILE, from cron) records the head's id, hash and the number of events up to it,
signed with HMAC-SHA256 under a key from the environment (AUDIT_CHECKPOINT_KEY) that the database
does not hold. The next check finds the head again with the same hash, or reports what is gone.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from .models import AuditEvent


class CheckpointError(Exception):
    """The checkpoint is missing its key, forged, or names a head the log no longer has."""


@dataclass(frozen=True)
class Checkpoint:
    event_id: int
    hash: str
    events: int  # how many events, up to and including the head
    written_at: str

    def payload(self) -> bytes:
        return json.dumps(asdict(self), sort_keys=True).encode()


def _key() -> bytes:
    key = getattr(settings, "AUDIT_CHECKPOINT_KEY", "")
    if len(key) < 32:
        raise CheckpointError("AUDIT_CHECKPOINT_KEY må settes til minst 32 tegn.")
    return key.encode()


def _signature(checkpoint: Checkpoint) -> str:
    return hmac.new(_key(), checkpoint.payload(), hashlib.sha256).hexdigest()


def current_head(events: int) -> Checkpoint | None:
    head = AuditEvent.objects.order_by("-id").values("id", "hash").first()
    if head is None:
        return None
    return Checkpoint(
        event_id=head["id"],
        hash=head["hash"],
        events=events,
        written_at=timezone.now().isoformat(timespec="seconds"),
    )


def write(path: Path, checkpoint: Checkpoint) -> None:
    document = {**asdict(checkpoint), "hmac": _signature(checkpoint)}
    temporary = path.with_suffix(path.suffix + ".tmp")
    temporary.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    temporary.replace(path)  # a crash never leaves half a checkpoint


def read(path: Path) -> Checkpoint:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        signature = document.pop("hmac")
        checkpoint = Checkpoint(**document)
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise CheckpointError(f"Sjekkpunktet {path} kan ikke leses: {error}") from error
    if not hmac.compare_digest(signature, _signature(checkpoint)):
        raise CheckpointError(f"Sjekkpunktet {path} har feil signatur: det er endret.")
    return checkpoint


def verify(checkpoint: Checkpoint, *, events_now: int) -> None:
    """The head the checkpoint names is still there with its hash, and no fewer events precede it."""
    head = AuditEvent.objects.filter(pk=checkpoint.event_id).values_list("hash", flat=True).first()
    if head is None:
        raise CheckpointError(
            f"Hendelse {checkpoint.event_id}, siste hendelse ved sjekkpunktet "
            f"{checkpoint.written_at}, finnes ikke lenger: de nyeste hendelsene er slettet."
        )
    if head != checkpoint.hash:
        raise CheckpointError(
            f"Hendelse {checkpoint.event_id} har en annen hash enn ved sjekkpunktet."
        )
    before = AuditEvent.objects.filter(pk__lte=checkpoint.event_id).count()
    if before < checkpoint.events or events_now < checkpoint.events:
        raise CheckpointError(
            f"Sjekkpunktet talte {checkpoint.events} hendelser til og med {checkpoint.event_id}; "
            f"nå er det {before}."
        )
