"""Hourly from cron: a plan run whose task worker died would otherwise stay «running» forever."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from bosetting.matching.actions import interrupt_overdue_runs


class Command(BaseCommand):
    help = (
        "Markerer fordelingsforslag som har vært under beregning langt lenger enn tidsgrensen, "
        "som avbrutt, slik at IMDi kan starte dem på nytt. Trygt å kjøre ofte."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        interrupted = interrupt_overdue_runs()
        numbers = ", ".join(str(run.pk) for run in interrupted) or "ingen"
        self.stdout.write(f"Avbrutte fordelingsforslag: {numbers}.")
