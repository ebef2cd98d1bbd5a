"""Writing to the audit log. Every action calls `record_event` inside its own transaction."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_ipv46_address
from django.db import connection, models, transaction
from django.utils import timezone

from bosetting.core.request_context import current_ip_address

from .models import GENESIS_HASH, AuditEvent, EventType

if TYPE_CHECKING:
    from bosetting.accounts.models import Actor

# Any constant: PostgreSQL's transaction-scoped advisory lock that serialises appends to the chain.
_CHAIN_LOCK_KEY = 7_204_519


def record_event(
    *,
    by: Actor,
    event_type: EventType,
    summary: str,
    obj: models.Model | None = None,
    municipality: Any = None,
    details: dict[str, Any] | None = None,
    actor_label: str | None = None,
    case_reference: str | None = None,
) -> AuditEvent:
    """Append one event. `by` is the acting user, or None for the system itself.

    An event about a case, or about a person, document or note in one, is filed under the case's
    reference (the object's `case_reference`); `case_reference` names the case when the object
    is something else, e.g. the proposal a case was answered in."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_event must run inside the action's transaction.")
    actor = by if getattr(by, "is_authenticated", False) else None
    lock_chain()
    previous = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
    event = AuditEvent(
        # Microseconds dropped so the sealed ISO string survives every database round trip.
        occurred_at=timezone.now().replace(microsecond=0).astimezone(datetime.UTC),
        actor=actor,
        actor_label=(actor_label or (_user_label(actor) if actor else "System"))[:200],
        actor_organisation_id=getattr(actor, "organisation_id", None),
        event_type=event_type,
        summary=summary[:500],
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        municipality=municipality,
        ip_address=_normalised_ip(current_ip_address()),
        details=details or {},
        case_reference=case_reference if case_reference is not None else _case_of(obj),
        previous_hash=previous or GENESIS_HASH,
    )
    event.hash = event.compute_hash()
    event.save()
    return event


def _case_of(obj: models.Model | None) -> str:
    # Duck-typed: the log sits below the cases app and does not import it.
    return str(getattr(obj, "case_reference", "") or "")


def _user_label(user: Any) -> str:
    full_name = user.get_full_name()
    return f"{full_name} ({user.username})" if full_name else user.username


def _normalised_ip(ip: str | None) -> str | None:
    """The address as the database will store it, so the hash sealed now matches it when read back.

    The database normalises IPv6 (`2001:DB8:0::1` comes back `2001:db8::1`), and PostgreSQL's
    inet refuses what is not an address at all: that must not stop the action being logged.
    """
    if not ip:
        return None
    try:
        validate_ipv46_address(ip)
    except ValidationError:
        return None
    prepared: str = AuditEvent._meta.get_field("ip_address").get_prep_value(ip)
    return prepared


def lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])
    # SQLite: transactions begin IMMEDIATE (settings), so writers are already serialised.
