from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from bosetting.requestformula.actions import (
    POPULATION_CSV,
    POPULATION_SOURCE,
    FormulaError,
    load_population,
)


class Command(BaseCommand):
    help = (
        "Laster inn folketall per kommune (SSB tabell 07459, 1. januar 2024). "
        "Trygt å kjøre flere ganger; andre år blir stående."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--file", type=Path, default=POPULATION_CSV)
        parser.add_argument("--year", type=int, default=2024)
        parser.add_argument("--source", default=POPULATION_SOURCE)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = load_population(
                path=options["file"], year=options["year"], source=options["source"]
            )
        except FormulaError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            f"Folketall for {options['year']}: {result.created} nye, {result.changed} endret."
        )
