"""Benchmark the distribution plan on generated instances against the greedy baseline (issue 15).

Without arguments: a table for one round (300 cases) and a year (5,000 cases) on all 357
municipalities. With `--cases N --municipalities M --seed S --time-limit T --json FILE`: one
instance, solved, written as one JSON object for checking by other tools. With `--database`:
the instance a run with the default weights would solve in this database (on the national data
set: `make bench`'s database), every ready case and every municipality with free places.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from bosetting.matching import instances
from bosetting.matching.greedy import greedy_plan
from bosetting.matching.objective import placed_persons, plan_objective
from bosetting.matching.problem import Instance, Weights
from bosetting.matching.snapshot import build_instance
from bosetting.matching.solver import Result, solve
from bosetting.organisations.models import Municipality as OrganisationMunicipality

# (cases, time limit in seconds, the goal the issue sets)
STANDARD_RUNS = [
    (300, 60.0, "bevist optimal under 2 s"),
    (5_000, 60.0, "innenfor 0,5 % av grensen under 60 s"),
]


class Command(BaseCommand):
    help = "Måler fordelingsforslaget mot grådig fordeling på genererte instanser."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--cases", type=int, help="Antall saker (én instans).")
        parser.add_argument("--municipalities", type=int, default=357, help="Antall kommuner.")
        parser.add_argument("--seed", type=int, default=1, help="Frø for den genererte instansen.")
        parser.add_argument("--time-limit", type=float, default=60.0, help="Tidsgrense i sekunder.")
        parser.add_argument(
            "--places-ratio",
            type=float,
            default=instances.PLACES_RATIO,
            help="Ledige plasser per person som venter (under 1: plassene strekker ikke til).",
        )
        parser.add_argument("--json", type=Path, help="Skriv resultatet som JSON til denne filen.")
        parser.add_argument(
            "--database",
            action="store_true",
            help="Løs sakene som er klare i databasen, mot årets kommuner med ledige plasser.",
        )
        parser.add_argument("--year", type=int, help="Året for --database (i år uten).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["database"]:
            self._database(options["year"] or timezone.localdate().year, options["time_limit"])
            return
        if options["cases"] is None:
            if options["json"] is not None:
                raise CommandError("--json krever --cases.")
            self._table(options["seed"], options["places_ratio"])
            return
        try:
            instance = instances.generate(
                cases=options["cases"],
                municipalities=options["municipalities"],
                seed=options["seed"],
                places_ratio=options["places_ratio"],
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        result = solve(instance, time_limit=options["time_limit"])
        if options["json"] is None:
            self._print_rows([(instance, result, "")])
            return
        options["json"].write_text(json.dumps(as_json(instance, result)), encoding="utf-8")
        self.stdout.write(f"Skrev {options['json']}")

    def _table(self, seed: int, places_ratio: float) -> None:
        rows = []
        for cases, time_limit, goal in STANDARD_RUNS:
            self.stdout.write(f"Løser {cases} saker × 357 kommuner …")
            instance = instances.generate(cases=cases, seed=seed, places_ratio=places_ratio)
            rows.append((instance, solve(instance, time_limit=time_limit), goal))
        self._print_rows(rows)

    def _database(self, year: int, time_limit: float) -> None:
        # As a run of every ready case with the start form's «ta med kommuner uten avtale» ticked:
        # every municipality with a decision for the year, so that the national data set's
        # unsigned agreements do not leave the solver nothing to do.
        everyone = OrganisationMunicipality.objects.values_list("number", flat=True)
        instance = build_instance(year=year, filters={}, weights=Weights(), include=everyone)
        self.stdout.write(
            f"Løser {len(instance.cases)} saker i databasen × "
            f"{len(instance.municipalities)} kommuner med vedtak for {year} …"
        )
        if not instance.cases or not instance.municipalities:
            raise CommandError("Databasen har ingen klare saker eller ingen kommuner med plasser.")
        result = solve(instance, time_limit=time_limit)
        self._print_rows([(instance, result, f"databasen, {year}")])

    def _print_rows(self, rows: list[tuple[Instance, Result, str]]) -> None:
        header = (
            f"{'saker':>6} {'kommuner':>8} {'status':>10} {'sek':>6} {'gap':>8} "
            f"{'mål':>11} {'grådig':>11} {'margin':>7} {'personer':>8} {'grådig':>7}  krav"
        )
        self.stdout.write(header)
        for instance, result, goal in rows:
            greedy = greedy_plan(instance)
            greedy_objective = plan_objective(instance, greedy)
            margin = (
                (result.objective - greedy_objective) / greedy_objective * 100
                if greedy_objective
                else 0.0
            )
            self.stdout.write(
                f"{len(instance.cases):>6} {len(instance.municipalities):>8} {result.status:>10} "
                f"{result.seconds:>6.2f} {result.gap * 100:>7.3f}% {result.objective:>11.1f} "
                f"{greedy_objective:>11.1f} {margin:>+6.1f}% "
                f"{placed_persons(instance, result.plan):>8} "
                f"{placed_persons(instance, greedy):>7}  {goal}"
            )


def as_json(instance: Instance, result: Result) -> dict[str, Any]:
    """The object issue 15 specifies, for checking a plan with other tools."""
    greedy = greedy_plan(instance)
    return {
        "instance": {
            "cases": [
                {
                    "id": case.id,
                    "persons": case.persons,
                    "minors": case.minors,
                    "forbidden": sorted(case.forbidden),
                }
                for case in instance.cases
            ],
            "municipalities": [
                {
                    "id": m.id,
                    "places": m.places,
                    "minor_places": m.minor_places,
                    "takes_minors": m.takes_minors,
                }
                for m in instance.municipalities
            ],
        },
        "plan": {str(case_id): municipality for case_id, municipality in result.plan.items()},
        "status": result.status,
        "objective": result.objective,
        "bound": result.bound,
        "gap": result.gap,
        "seconds": result.seconds,
        "placed_persons": placed_persons(instance, result.plan),
        "greedy": {
            "objective": plan_objective(instance, greedy),
            "placed_persons": placed_persons(instance, greedy),
        },
    }
