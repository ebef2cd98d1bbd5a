"""Daily or hourly from cron: remind the day before a proposal's deadline, expire it after."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from bosetting.distribution.actions import expire_due_proposals, send_due_reminders


class Command(BaseCommand):
    help = (
        "Påminner kommunen dagen før svarfristen for en forespørsel, og lar forespørsler utløpe "
        "etter fristen: ubesvarte saker blir klare for bosetting igjen. Trygt å kjøre ofte: "
        "hver forespørsel påminnes og utløper én gang."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        reminded = send_due_reminders(today=today)
        expired = expire_due_proposals(today=today)
        self.stdout.write(f"Påminnelser sendt: {reminded}. Forespørsler utløpt: {expired}.")
