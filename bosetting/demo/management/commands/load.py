"""`manage.py load`: a bounded load of logged-in sessions against a running Bosetting.

Each session logs in for real (password, then a TOTP code) as its own user from `load_users`,
then asks for a realistic mix of pages until the time or the request budget is spent. It talks
to 127.0.0.1 only. It prints requests per second, errors, and p50/p95/p99 per page.

    scripts/prod-like start national
    scripts/prod-like demo load --sessions 30 --seconds 60
"""

from __future__ import annotations

import io
import json
import random
import statistics
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from bosetting.demo.visitor import NGINX, Visitor

# (name, weight, who, path): what IMDi's caseworkers and Bergen's do in a working day.
MIX = [
    ("Forside", 6, "imdi", "/"),
    ("Saksliste", 4, "imdi", "/saker/"),
    ("Fordeling: arbeidsliste", 4, "imdi", "/fordeling/"),
    ("Årsoversikt anmodninger", 3, "imdi", "/anmodninger/oversikt/"),
    ("Bosatte i hele landet", 2, "imdi", "/rapporter/bosatte/?gruppering=fylke"),
    ("Anmodninger og vedtak per fylke", 2, "imdi", "/rapporter/anmodninger-og-vedtak/"),
    ("Hendelseslogg", 2, "imdi", "/logg/"),
    ("Forside", 6, "bergen", "/"),
    ("Forespørsler", 3, "bergen", "/fordeling/kommune/"),
    ("Anmodninger og vedtak", 2, "bergen", "/anmodninger/"),
    ("Bosatte i hele landet", 2, "bergen", "/rapporter/bosatte/?gruppering=kommune"),
]


@dataclass
class Totals:
    timings: dict[str, list[float]]
    errors: dict[str, int]
    lock: threading.Lock


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Command(BaseCommand):
    help = "Bounded load of logged-in sessions against a running Bosetting on 127.0.0.1."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", default=NGINX)
        parser.add_argument("--sessions", type=int, default=30)
        parser.add_argument("--seconds", type=float, default=60)
        parser.add_argument("--max-requests", type=int, default=50_000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--json", dest="json_file")

    def handle(self, *args: Any, **options: Any) -> None:
        base = options["url"].rstrip("/")
        if urlsplit(base).hostname not in ("127.0.0.1", "localhost"):
            raise CommandError("The load goes to this machine only (127.0.0.1).")
        sessions = options["sessions"]
        users = {
            kind: self._users(kind, count)
            for kind, count in (("imdi", sessions - sessions // 3), ("bergen", sessions // 3))
        }
        visitors = self._log_in(base, users)
        totals = Totals(defaultdict(list), defaultdict(int), threading.Lock())
        budget = [options["max_requests"]]
        stop_at = time.monotonic() + options["seconds"]
        rng = random.Random(options["seed"])  # noqa: S311  (page choice, not a secret)
        seeds = [rng.random() for _ in visitors]

        def work(index: int) -> None:
            kind, visitor = visitors[index]
            choices = [entry for entry in MIX if entry[2] == kind]
            local = random.Random(seeds[index])  # noqa: S311
            while time.monotonic() < stop_at:
                with totals.lock:
                    if budget[0] <= 0:
                        return
                    budget[0] -= 1
                name, _weight, _kind, path = local.choices(choices, [c[1] for c in choices])[0]
                started = time.perf_counter()
                try:
                    status = visitor.get(base, path).status_code
                except Exception:
                    status = 0
                elapsed = (time.perf_counter() - started) * 1000
                with totals.lock:
                    totals.timings[name].append(elapsed)
                    if status != 200:
                        totals.errors[name] += 1

        started = time.monotonic()
        threads = [threading.Thread(target=work, args=(i,)) for i in range(len(visitors))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self._report(totals, time.monotonic() - started, len(visitors), options.get("json_file"))

    def _users(self, kind: str, count: int) -> list[dict[str, str]]:
        if count == 0:
            return []
        out = io.StringIO()
        call_command("load_users", kind=kind, count=count, stdout=out)
        users: list[dict[str, str]] = json.loads(out.getvalue())
        return users

    def _log_in(
        self, base: str, users: dict[str, list[dict[str, str]]]
    ) -> list[tuple[str, Visitor]]:
        visitors: list[tuple[str, Visitor]] = []
        for kind, group in users.items():
            for user in group:
                visitor = Visitor(
                    address=f"198.51.{100 + len(visitors) // 250}.{len(visitors) % 250 + 1}"
                )
                visitor.log_in(base, user)
                visitors.append((kind, visitor))
                self.stdout.write(f"Logget inn {len(visitors)}: {user['username']}")
        return visitors

    def _report(self, totals: Totals, seconds: float, sessions: int, json_file: str | None) -> None:
        count = sum(len(values) for values in totals.timings.values())
        errors = sum(totals.errors.values())
        rows = []
        for name, values in sorted(totals.timings.items()):
            rows.append(
                {
                    "page": name,
                    "requests": len(values),
                    "errors": totals.errors.get(name, 0),
                    "p50": statistics.median(values),
                    "p95": _percentile(values, 0.95),
                    "p99": _percentile(values, 0.99),
                }
            )
        self.stdout.write("")
        self.stdout.write(
            f"{timezone.localtime():%d.%m.%Y %H:%M}: {sessions} økter i {seconds:.0f} s: "
            f"{count} forespørsler, {count / seconds:.1f} per sekund, {errors} feil"
        )
        every = [value for values in totals.timings.values() for value in values]
        overall = {
            "p50": statistics.median(every) if every else 0.0,
            "p95": _percentile(every, 0.95) if every else 0.0,
            "p99": _percentile(every, 0.99) if every else 0.0,
        }
        self.stdout.write(
            f"Alle sider: p50 {overall['p50']:.0f} ms, p95 {overall['p95']:.0f} ms, "
            f"p99 {overall['p99']:.0f} ms"
        )
        self.stdout.write(
            f"{'Side':<36} {'antall':>7} {'feil':>5} {'p50':>8} {'p95':>8} {'p99':>8}"
        )
        for row in rows:
            self.stdout.write(
                f"{row['page']:<36} {row['requests']:>7} {row['errors']:>5} "
                f"{row['p50']:>6.0f}ms {row['p95']:>6.0f}ms {row['p99']:>6.0f}ms"
            )
        if json_file:
            with open(json_file, "w", encoding="utf-8") as out:
                json.dump(
                    {
                        "seconds": seconds,
                        "requests": count,
                        "errors": errors,
                        **overall,
                        "pages": rows,
                    },
                    out,
                    indent=2,
                )
