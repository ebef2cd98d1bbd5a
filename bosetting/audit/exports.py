"""The audit log as CSV for Excel: streamed row by row, so a large search never sits in memory."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
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
    # Plain tuples, not model instances: building a model and two related ones per event was
    # most of an export's time (issue 14).
    rows = events.order_by("-pk").values_list(*_COLUMNS)[: limit + 1]
    return _lines(rows, header, note, labels, limit)


_COLUMNS = (
    "pk",
    "occurred_at",
    "actor_label",
    "actor_organisation__name",
    "event_type",
    "summary",
    "object_type",
    "object_id",
    "municipality__number",
    "municipality__name",
    "ip_address",
    "case_reference",
)


@dataclass(frozen=True)
class _Labels:
    event_types: dict[str, str]
    object_types: dict[str, str]


def _lines(
    rows: QuerySet[AuditEvent, tuple[Any, ...]],
    header: list[str],
    note: str,
    labels: _Labels,
    limit: int,
) -> Iterator[str]:
    writer = LineWriter()
    oslo = ZoneInfo(settings.TIME_ZONE)
    yield BOM + writer.line(header)
    for written, row in enumerate(rows.iterator(chunk_size=2000)):
        if written == limit:
            yield writer.line([neutralise(note)])
            return
        yield writer.line([neutralise(cell) for cell in _row(row, labels, oslo)])


def _row(row: tuple[Any, ...], labels: _Labels, oslo: ZoneInfo) -> list[object]:
    (
        pk,
        occurred_at,
        actor_label,
        organisation,
        event_type,
        summary,
        object_type,
        object_id,
        municipality_number,
        municipality_name,
        ip_address,
        case_reference,
    ) = row
    return [
        pk,
        timezone.localtime(occurred_at, oslo).strftime("%d.%m.%Y %H:%M:%S"),
        actor_label,
        organisation or "",
        labels.event_types.get(event_type, event_type),
        summary,
        labels.object_types.get(object_type, object_type),
        object_id,
        f"{municipality_number} {municipality_name}" if municipality_number else "",
        ip_address or "",
        case_reference,
    ]


def export_filename() -> str:
    return f"hendelseslogg-{timezone.localtime():%Y%m%d-%H%M}.csv"
