"""`manage.py backup FOLDER`: the database (pg_dump) and MEDIA_ROOT, with checksums."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bosetting.site.backup import BackupError, backup


class Command(BaseCommand):
    help = "Tar sikkerhetskopi av databasen (pg_dump) og filene i MEDIA_ROOT til en ny mappe."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path)

    def handle(self, *args: Any, folder: Path, **options: Any) -> None:
        try:
            manifest = backup(folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Sikkerhetskopi av {manifest['database']} skrevet til {folder}.")
