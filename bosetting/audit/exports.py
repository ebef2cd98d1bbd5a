"""The audit log as CSV for Excel: streamed row by row, so a large search never sits in memory."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from bosetting.core.csv_files import BOM, DELIMITER, LineWriter, neutralise

from .models import AuditEvent, EventType
from .queries import object_type_labels

# The CSV conventions (BOM, `;`, formula neutralising) are those every export shares.
__all__ = ["BOM", "DELIMITER", "EXPORT_LIMIT", "csv_lines", "export_filename", "neutralise"]

EXPORT_LIMIT = 100_000


def csv_lines(events: QuerySet[AuditEvent], *, limit: int = EXPORT_LIMIT) -> Iterator[str]:
    """The header, then one line per event, newest first; at most `limit` events, then a note."""
    # Every text is translated now, in the request's language: the lines are made later, while
    # the response streams.
    header = [
        _("Hendelse-id"),
        _("Tidspunkt"),
        _("Utført av"),
        _("Organisasjon"),
        _("Hendelse"),
        _("Sammendrag"),
        _("Objekttype"),
        _("Objekt-id"),
        _("Kommune"),
        _("IP-adresse"),
        _("Saksnummer"),
    ]
    note = _(
        "Eksporten stopper ved %(limit)s hendelser. Avgrens søket, for eksempel med en kortere "
        "periode, for å få med resten."
    ) % {"limit": f"{limit:,}".replace(",", " ")}
    labels = _Labels(
        event_types={value: str(label) for value, label in EventType.choices},
        object_types=object_type_labels(),
    )
    return _lines(events.order_by("-pk")[: limit + 1], header, note, labels, limit)


@dataclass(frozen=True)
class _Labels:
    event_types: dict[str, str]
    object_types: dict[str, str]


def _lines(
    events: QuerySet[AuditEvent], header: list[str], note: str, labels: _Labels, limit: int
) -> Iterator[str]:
    writer = LineWriter()
    yield BOM + writer.line(header)
    for written, event in enumerate(events.iterator(chunk_size=2000)):
        if written == limit:
            yield writer.line([neutralise(note)])
            return
        yield writer.line([neutralise(cell) for cell in _row(event, labels)])


def _row(event: AuditEvent, labels: _Labels) -> list[object]:
    return [
        event.pk,
        timezone.localtime(event.occurred_at, ZoneInfo(settings.TIME_ZONE)).strftime(
            "%d.%m.%Y %H:%M:%S"
        ),
        event.actor_label,
        event.actor_organisation.name if event.actor_organisation else "",
        labels.event_types.get(event.event_type, event.event_type),
        event.summary,
        labels.object_types.get(event.object_type, event.object_type),
        event.object_id,
        str(event.municipality) if event.municipality else "",
        event.ip_address or "",
        event.case_reference,
    ]


def export_filename() -> str:
    return f"hendelseslogg-{timezone.localtime():%Y%m%d-%H%M}.csv"
