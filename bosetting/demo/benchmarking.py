"""Benchmarks: server time and query count of the pages and reports that must stay fast.

Each app that has some has a module in `bosetting/demo/benchmarks/` with
`benchmarks(progress) -> list[Benchmark]`; it
prepares the data it needs (idempotently, so a second run is quick) and returns what to time.
`python manage.py bench` (or `make bench`) prints the table. Tests never time things.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from django.db import connection
from django.test import Client

from bosetting.accounts.actions import create_user
from bosetting.accounts.models import User
from bosetting.accounts.roles import Role
from bosetting.organisations.actions import ensure_imdi
from bosetting.organisations.models import Organisation

# The modules `bench` runs, in order. A new app with benchmarks adds itself here.
BENCHMARK_MODULES = [
    "bosetting.demo.benchmarks.planning",
    "bosetting.demo.benchmarks.requestformula",
    "bosetting.demo.benchmarks.reports",
    "bosetting.demo.benchmarks.cases",
    "bosetting.demo.benchmarks.distribution",
    "bosetting.demo.benchmarks.settlement",
    "bosetting.demo.benchmarks.audit",
    "bosetting.demo.benchmarks.legacy",
]

# The IMDi caseworker whose requests the benchmarks time.
BENCH_USER = "bench.imdi.saksbehandler"


@dataclass(frozen=True)
class Benchmark:
    name: str
    run: Callable[[], Any]
    goal_ms: float | None = None  # the goal the issue sets, printed beside the figure


# The goals of issue 14, at national scale on the 2-core machine: a page spends no more than its
# own SQL time again on everything else, and answers alone within 300 ms; an XLSX or CSV export
# within 500 ms, a PDF within 2 s.
RATIO_GOAL = 2.0
PAGE_GOAL_MS = 300.0
EXPORT_GOAL_MS = 500.0
PDF_GOAL_MS = 2000.0


@dataclass(frozen=True)
class Result:
    name: str
    median_ms: float
    queries: int
    goal_ms: float | None
    sql_ms: float = 0.0  # the median run's time inside the database driver

    @property
    def ratio(self) -> float:
        """Page time over its own SQL time: 1.0 would be a page that does nothing but ask."""
        return self.median_ms / self.sql_ms if self.sql_ms else float("inf")


def measure(benchmark: Benchmark, *, runs: int = 7) -> Result:
    """Median wall time over `runs` calls after one warm-up call, and the median time spent in
    the database driver over the same runs; queries counted on the warm-up."""
    counter = _QueryCounter()
    with connection.execute_wrapper(counter):
        _check(benchmark.run())
    queries = counter.count
    pages, sqls = [], []
    for _ in range(runs):
        clock = _QueryCounter()
        with connection.execute_wrapper(clock):
            started = time.perf_counter()
            _check(benchmark.run())
            pages.append((time.perf_counter() - started) * 1000)
        sqls.append(clock.seconds * 1000)
    return Result(
        benchmark.name,
        statistics.median(pages),
        queries,
        benchmark.goal_ms,
        statistics.median(sqls),
    )


class _QueryCounter:
    """Counts statements and the time spent in them as they run. connection.queries cannot:
    each request resets it."""

    def __init__(self) -> None:
        self.count = 0
        self.seconds = 0.0

    def __call__(self, execute: Callable[..., Any], *args: Any) -> Any:
        self.count += 1
        started = time.perf_counter()
        try:
            return execute(*args)
        finally:
            self.seconds += time.perf_counter() - started


def _check(outcome: Any) -> None:
    status = getattr(outcome, "status_code", 200)
    if status != 200:
        raise RuntimeError(f"Benchmark fikk svar {status}, ikke 200.")
    if hasattr(outcome, "streaming_content"):
        b"".join(outcome.streaming_content)


def bench_user(
    username: str = BENCH_USER,
    *,
    organisation: Organisation | None = None,
    role: Role = Role.IMDI_CASEWORKER,
) -> User:
    """The benchmark's user `username` (IMDi's caseworker unless told otherwise), made once."""
    existing = User.objects.filter(username=username).first()
    if existing is not None:
        return existing
    return create_user(
        by=None,
        organisation=organisation or ensure_imdi(),
        username=username,
        email=f"{username}@example.invalid",
        first_name="Bench",
        last_name=username.split(".")[1].title(),
        roles=[role],
    )


def logged_in_client(user: Any) -> Client:
    """A client that has passed both factors as `user`, for timing whole requests."""
    from allauth.account.internal.flows.login import record_authentication

    client = Client()
    client.force_login(user)
    request = SimpleNamespace(session=client.session)
    record_authentication(request, user, method="password", username=user.username)
    record_authentication(request, user, method="mfa", type="totp")
    request.session.save()
    return client


def format_table(results: list[Result]) -> str:
    header = ("Side eller rapport", "Servertid (median)", "SQL-tid", "Forhold", "Spørringer", "Mål")
    rows = [
        (
            result.name,
            f"{result.median_ms:.1f} ms",
            f"{result.sql_ms:.1f} ms",
            _ratio(result),
            str(result.queries),
            f"< {result.goal_ms:.0f} ms" if result.goal_ms else "",
        )
        for result in results
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        " | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in [header, *rows]
    ]
    lines.insert(1, "-+-".join("-" * width for width in widths))
    return "\n".join(lines)


def _ratio(result: Result) -> str:
    """The ratio, marked with an asterisk where it is over the goal."""
    if not result.sql_ms:
        return "–"
    mark = " *" if result.ratio > RATIO_GOAL else ""
    return f"{result.ratio:.1f}{mark}"
