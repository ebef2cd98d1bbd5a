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

    def handle(self, *args: Any, **options: Any) -> None:
        results: list[Result] = []
        for module_name in BENCHMARK_MODULES:
            module = importlib.import_module(module_name)
            for benchmark in module.benchmarks(progress=self.stdout.write):
                self.stdout.write(f"Måler {benchmark.name} …")
                results.append(measure(benchmark, runs=options["runs"]))
        self.stdout.write("")
        self.stdout.write(format_table(results))
