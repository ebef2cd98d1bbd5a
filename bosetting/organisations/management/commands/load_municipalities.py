from typing import Any

from django.core.management.base import BaseCommand

from bosetting.organisations.actions import ensure_imdi, load_municipalities


class Command(BaseCommand):
    help = "Laster inn fylker og alle 357 kommuner (Kartverket 2024). Trygt å kjøre flere ganger."

    def handle(self, *args: Any, **options: Any) -> None:
        ensure_imdi()
        result = load_municipalities()
        self.stdout.write(
            f"Fylker opprettet: {result.counties_created}, kommuner opprettet: "
            f"{result.municipalities_created}, kommuner endret: {result.municipalities_renamed}."
        )
