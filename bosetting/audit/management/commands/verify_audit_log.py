from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bosetting.audit import checkpoint
from bosetting.audit.verification import find_first_break


class Command(BaseCommand):
    help = (
        "Kontrollerer hash-kjeden i hendelsesloggen. Skriver OK, eller den første brutte "
        "hendelsen. Med --checkpoint FIL kontrolleres også det signerte sjekkpunktet i FIL "
        "(finnes det), og et nytt skrives for kjedens hode: kjør daglig fra cron."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--checkpoint",
            type=Path,
            metavar="FIL",
            help="Signert sjekkpunkt (nøkkel i AUDIT_CHECKPOINT_KEY), utenfor databasen.",
        )

    def handle(self, *args: Any, checkpoint: Path | None = None, **options: Any) -> None:
        checked, chain_break = find_first_break()
        if chain_break is not None:
            raise CommandError(
                f"Kjeden er brutt ved hendelse {chain_break.event_id}: {chain_break.reason} "
                f"({checked} hendelser før den er i orden)."
            )
        if checkpoint is not None:
            self._checkpoint(checkpoint, checked)
        self.stdout.write(f"OK: {checked} hendelser kontrollert.")

    def _checkpoint(self, path: Path, checked: int) -> None:
        try:
            if path.exists():
                checkpoint.verify(checkpoint.read(path), events_now=checked)
            head = checkpoint.current_head(checked)
            if head is not None:
                checkpoint.write(path, head)
        except checkpoint.CheckpointError as error:
            raise CommandError(str(error)) from error
