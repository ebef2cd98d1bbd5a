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
    "bosetting.demo.benchmarks.reports",
    "bosetting.demo.benchmarks.cases",
    "bosetting.demo.benchmarks.distribution",
    "bosetting.demo.benchmarks.settlement",
    "bosetting.demo.benchmarks.legacy",
]

# The IMDi caseworker whose requests the benchmarks time.
BENCH_USER = "bench.imdi.saksbehandler"


@dataclass(frozen=True)
class Benchmark:
    name: str
    run: Callable[[], Any]
    goal_ms: float | None = None  # the goal the issue sets, printed beside the figure


@dataclass(frozen=True)
class Result:
    name: str
    median_ms: float
    queries: int
    goal_ms: float | None


def measure(benchmark: Benchmark, *, runs: int = 7) -> Result:
    """Median wall time over `runs` calls after one warm-up call; queries counted on the warm-up."""
    counter = _QueryCounter()
    with connection.execute_wrapper(counter):
        _check(benchmark.run())
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        _check(benchmark.run())
        timings.append((time.perf_counter() - started) * 1000)
    return Result(benchmark.name, statistics.median(timings), counter.count, benchmark.goal_ms)


class _QueryCounter:
    """Counts statements as they run. connection.queries cannot: each request resets it."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute: Callable[..., Any], *args: Any) -> Any:
        self.count += 1
        return execute(*args)


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
    header = ("Side eller rapport", "Servertid (median)", "Spørringer", "Mål")
    rows = [
        (
            result.name,
            f"{result.median_ms:.1f} ms",
            str(result.queries),
            f"< {result.goal_ms:.0f} ms" if result.goal_ms else "",
        )
        for result in results
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]
    lines = [
        " | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in [header, *rows]
    ]
    lines.insert(1, "-+-".join("-" * width for width in widths))
    return "\n".join(lines)
