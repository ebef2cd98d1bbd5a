"""Reading the audit log: what a user may see, and the search filters over it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.apps import apps
from django.conf import settings
from django.db.models import Q, QuerySet

from bosetting.accounts.permissions import Permission, scope_for
from bosetting.organisations.models import Municipality

from .models import AuditEvent

PAGE_SIZE = 50
CASE_REFERENCE_DIGITS = 6  # cases.models.format_case_reference: «000218»


def events_visible_to(user: Any) -> QuerySet[AuditEvent]:
    """IMDi sees every event; a municipality's users the events that concern their municipality."""
    events = AuditEvent.objects.select_related("actor_organisation", "municipality")
    scope = scope_for(user, Permission.AUDIT_LOG_VIEW)
    if scope.everything:
        return events
    if scope.municipality_id is None:
        return events.none()
    return events.filter(municipality_id=scope.municipality_id)


@dataclass(frozen=True)
class EventFilters:
    """The search, as the filter form cleaned it. Empty values do not filter."""

    from_date: datetime.date | None = None
    to_date: datetime.date | None = None
    event_type: str = ""
    user: str = ""
    object_type: str = ""
    object_id: str = ""
    text: str = ""
    municipality: Municipality | None = None
    case_reference: str = ""  # six digits, as the form normalised it


def filter_events(events: QuerySet[AuditEvent], filters: EventFilters) -> QuerySet[AuditEvent]:
    # Dates are days in Norway: "to 31.03" ends at midnight Oslo time, not UTC.
    if filters.from_date:
        events = events.filter(occurred_at__gte=_start_of_day(filters.from_date))
    if filters.to_date:
        next_day = filters.to_date + datetime.timedelta(days=1)
        events = events.filter(occurred_at__lt=_start_of_day(next_day))
    if filters.event_type:
        events = events.filter(event_type=filters.event_type)
    if filters.user:
        events = events.filter(actor_label__icontains=filters.user)
    if filters.object_type:
        events = events.filter(object_type=filters.object_type)
    if filters.object_id:
        events = events.filter(object_id=filters.object_id)
    if filters.case_reference:
        events = events.filter(case_reference=filters.case_reference)
    if filters.text:
        # A case number typed into the free text finds every event about the case, also those
        # whose summary does not name it.
        matches = Q(summary__icontains=filters.text)
        if filters.text.isdigit() and len(filters.text) <= CASE_REFERENCE_DIGITS:
            matches |= Q(case_reference=filters.text.zfill(CASE_REFERENCE_DIGITS))
        events = events.filter(matches)
    if filters.municipality is not None:
        events = events.filter(municipality=filters.municipality)
    return events


def _start_of_day(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))


@dataclass(frozen=True)
class EventPage:
    """One page of events, newest first, found by id rather than by offset.

    Keyset pagination: the log holds millions of rows, and neither a COUNT nor an OFFSET over
    them is affordable per page. So there are no page numbers, only newer and older pages.
    """

    events: list[AuditEvent]
    newer_than: int | None  # the cursor for the page before (newer events), if there is one
    older_than: int | None  # the cursor for the page after (older events), if there is one
    is_first: bool


def event_page(
    events: QuerySet[AuditEvent],
    *,
    older_than: int | None = None,
    newer_than: int | None = None,
    page_size: int = PAGE_SIZE,
) -> EventPage:
    """The page of `events` just older than `older_than`, just newer than `newer_than`, or the newest."""
    if newer_than is not None:
        fetched = list(events.filter(pk__gt=newer_than).order_by("pk")[: page_size + 1])
        if len(fetched) <= page_size:
            # Back at the newest events: show the full first page, not a short remainder.
            return event_page(events, page_size=page_size)
        page = list(reversed(fetched[:page_size]))
        return EventPage(
            events=page,
            newer_than=page[0].pk,
            # The cursor itself lies beyond this page, so older events exist.
            older_than=page[-1].pk,
            is_first=False,
        )
    if older_than is not None:
        events = events.filter(pk__lt=older_than)
    fetched = list(events.order_by("-pk")[: page_size + 1])
    page = fetched[:page_size]
    return EventPage(
        events=page,
        # Coming from a newer page, newer events exist; the first event here is the cursor back.
        newer_than=(page[0].pk if page else older_than - 1) if older_than is not None else None,
        older_than=page[-1].pk if len(fetched) > page_size else None,
        is_first=older_than is None,
    )


def object_type_labels() -> dict[str, str]:
    """`app.model` as stored in AuditEvent.object_type, with the model's Norwegian name."""
    return {
        model._meta.label_lower: str(model._meta.verbose_name).capitalize()
        for model in apps.get_models()
        if model.__module__.startswith("bosetting.")
    }
