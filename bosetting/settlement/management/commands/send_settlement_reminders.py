"""Daily from cron: remind municipalities of matched cases that still have no settlement date."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from bosetting.core.counts import counted
from bosetting.settlement.actions import send_due_reminders

DEFAULT_DAYS_AFTER_DECISION = 14


class Command(BaseCommand):
    help = (
        "Minner kommunene om saker som er søkt ut, men uten bosettingsdato "
        "SETTLEMENT_REMINDER_DAYS (standard 14) dager etter vedtaket. Trygt å kjøre daglig: "
        "hver sak påminnes én gang."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        days = getattr(settings, "SETTLEMENT_REMINDER_DAYS", DEFAULT_DAYS_AFTER_DECISION)
        count = send_due_reminders(today=timezone.localdate(), days=days)
        self.stdout.write(f"Påminnelser sendt for {counted(count, 'sak')}")
