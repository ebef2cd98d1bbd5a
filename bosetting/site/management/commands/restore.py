"""`manage.py restore FOLDER --into DATABASE --media-root DIR`: into a new database and folder."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bosetting.site.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Gjenoppretter en sikkerhetskopi til en ny, tom database og en ny mappe for filene. "
        "Kjør verify_audit_log mot den gjenopprettede databasen før den tas i bruk."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path)
        parser.add_argument("--into", required=True, help="Navnet på den nye databasen.")
        parser.add_argument("--media-root", required=True, type=Path)

    def handle(self, *args: Any, folder: Path, into: str, media_root: Path, **options: Any) -> None:
        try:
            restore(folder, into=into, media_root=media_root)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Gjenopprettet til databasen {into} og {media_root}.")
