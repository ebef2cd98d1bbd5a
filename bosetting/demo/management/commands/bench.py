"""Print the benchmark table: `make bench`. See bosetting/demo/benchmarking.py."""

from __future__ import annotations

import importlib
from typing import Any

from django.core.management.base import BaseCommand

from bosetting.demo.benchmarking import BENCHMARK_MODULES, Result, format_table, measure


class Command(BaseCommand):
    help = "Måler servertid og antall spørringer for sider og rapporter, og skriver en tabell."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--runs", type=int, default=7, help="Målinger per side (median).")
        parser.add_argument(
            "--only",
            nargs="*",
            default=[],
            help="Bare disse modulene, f.eks. planning reports (alle når ingen er nevnt).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        results: list[Result] = []
        chosen = [
            name
            for name in BENCHMARK_MODULES
            if not options["only"] or name.rsplit(".", 1)[-1] in options["only"]
        ]
        for module_name in chosen:
            module = importlib.import_module(module_name)
            for benchmark in module.benchmarks(progress=self.stdout.write):
                self.stdout.write(f"Måler {benchmark.name} …")
                results.append(measure(benchmark, runs=options["runs"]))
        self.stdout.write("")
        self.stdout.write(format_table(results))
