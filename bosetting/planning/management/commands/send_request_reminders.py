"""Daily from cron: remind municipalities without an approved decision, N days before the deadline."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from bosetting.planning.actions import send_due_reminders

DEFAULT_DAYS_BEFORE_DEADLINE = 14


class Command(BaseCommand):
    help = (
        "Sender påminnelse til kommuner uten godkjent vedtak når svarfristen nærmer seg "
        "(PLANNING_REMINDER_DAYS_BEFORE_DEADLINE dager før, standard 14). Trygt å kjøre daglig: "
        "hver kommune påminnes én gang."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        days = getattr(
            settings, "PLANNING_REMINDER_DAYS_BEFORE_DEADLINE", DEFAULT_DAYS_BEFORE_DEADLINE
        )
        count = send_due_reminders(today=timezone.localdate(), days_before=days)
        self.stdout.write(f"Påminnelser sendt: {count}")
