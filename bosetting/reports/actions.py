"""The reports' one write: an export of a report with personal data or figures is logged."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from bosetting.audit.actions import record_event
from bosetting.audit.models import EventType

if TYPE_CHECKING:
    from bosetting.accounts.models import Actor


def record_export(
    *,
    by: Actor,
    report: str,
    title: str,
    file_format: str,
    municipality: Any,
    details: dict[str, Any],
) -> None:
    """Log who downloaded which report, with its filters and row count (never its contents)."""
    with transaction.atomic():
        record_event(
            by=by,
            event_type=EventType.REPORT_EXPORTED,
            summary=_("%(title)s eksportert som %(format)s")
            % {"title": title, "format": file_format.upper()},
            municipality=municipality,
            details={"report": report, "format": file_format, **details},
        )
