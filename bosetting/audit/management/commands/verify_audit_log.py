from typing import Any

from django.core.management.base import BaseCommand, CommandError

from bosetting.audit.verification import find_first_break


class Command(BaseCommand):
    help = (
        "Kontrollerer hash-kjeden i hendelsesloggen. Skriver OK, eller den første brutte hendelsen."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        checked, chain_break = find_first_break()
        if chain_break is not None:
            raise CommandError(
                f"Kjeden er brutt ved hendelse {chain_break.event_id}: {chain_break.reason} "
                f"({checked} hendelser før den er i orden)."
            )
        self.stdout.write(f"OK: {checked} hendelser kontrollert.")
