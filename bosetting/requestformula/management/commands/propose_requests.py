import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from bosetting.requestformula.computation import InfeasibleError
from bosetting.requestformula.formulas import latest_formula
from bosetting.requestformula.models import Formula
from bosetting.requestformula.proposal import propose


class Command(BaseCommand):
    help = "Skriver formelens forslag til anmodning for hver kommune som JSON. Lagrer ingenting."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--places", type=int, required=True)
        parser.add_argument("--minors", type=int, required=True)
        parser.add_argument("--formula", type=int, help="Formelversjon; den nyeste om den mangler.")
        parser.add_argument("--json", type=Path, required=True, help="Filen forslaget skrives til.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["formula"] is None:
            formula: Formula | None = latest_formula()
        else:
            formula = Formula.objects.filter(version=options["formula"]).first()
        if formula is None:
            raise CommandError("Fant ingen slik versjon av formelen.")
        if not 0 <= options["minors"] <= options["places"]:
            raise CommandError("--minors må være mellom 0 og --places.")
        try:
            proposal = propose(
                year=options["year"],
                places=options["places"],
                minors=options["minors"],
                formula=formula,
            )
        except InfeasibleError as error:
            raise CommandError(
                f"Med denne formelen må antallet være mellom {error.lowest} og {error.highest}."
            ) from error
        except ValueError as error:
            raise CommandError(str(error)) from error
        options["json"].write_text(
            json.dumps(proposal.as_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        self.stdout.write(
            f"Forslag for {len(proposal.lines)} kommuner med formel v{formula.version} "
            f"skrevet til {options['json']}."
        )
