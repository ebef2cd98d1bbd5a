"""Benchmark of the transfer from the old system (see bosetting/demo/benchmarking.py).

Issue 7 asks for the time to import 250,000 persons. The set (about 100,000 cases with their
assessments, proposals, decisions and settlements) is generated into a temporary directory with
the writer the tests use, then imported as a dry run: every check and every write, in one
transaction that is then rolled back, so the bench database stays as it was and each run
measures a first import. The import takes minutes, so it is timed once here and printed; the
framework times only a cheap look-up of the references afterwards (seven times over would take
half an hour).
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from django.db import connection

from bosetting.demo.benchmarking import Benchmark
from bosetting.legacy.actions import import_legacy
from bosetting.legacy.models import LegacyReference
from bosetting.legacy.progress import Progress
from bosetting.legacy.samples import generate
from bosetting.organisations.actions import ensure_imdi

PERSONS = 250_000


def clear_dead_rows() -> None:
    """VACUUM ANALYZE after the rolled-back import on PostgreSQL: its 1.2 million dead rows stayed
    behind and slowed the work list from 627 ms to 2,993 ms in every later run. (SQLite keeps no
    dead rows after a rollback.) VACUUM cannot run in a transaction; the bench runs in autocommit."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


CASES = 100_000


def benchmarks(progress: Callable[[str], None]) -> list[Benchmark]:
    ensure_imdi()
    with tempfile.TemporaryDirectory() as directory:
        progress(f"Lager overføringsfiler med {PERSONS:,} personer i {CASES:,} saker …")
        started = time.perf_counter()
        generate(Path(directory), persons=PERSONS, cases=CASES)
        progress(f"Filene er laget på {time.perf_counter() - started:.1f} s.")
        started = time.perf_counter()
        result = import_legacy(
            by=None,
            directory=Path(directory),
            dry_run=True,
            progress=Progress(sys.stderr),
            actor_label="benchmark",
        )
        seconds = time.perf_counter() - started
    progress(
        f"Import av {PERSONS:,} personer (sjekk og skriving, rullet tilbake): {seconds:.1f} s, "
        f"{result.created:,} rader opprettet."
    )
    clear_dead_rows()
    return [
        Benchmark(
            f"Import av {PERSONS:,} personer tok {seconds:.0f} s (tidtatt én gang, se over); "
            "her: oppslag av én gammel id",
            lambda: LegacyReference.objects.filter(entity="personer", legacy_id="P1").first(),
        )
    ]
