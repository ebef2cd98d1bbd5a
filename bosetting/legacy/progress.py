"""A progress line for long files, rewritten in place on a terminal, quiet for short files."""

from __future__ import annotations

import time
from typing import TextIO

# Shorter files are over before a progress line would help anyone.
SHOW_FROM = 5_000
INTERVAL_SECONDS = 0.5


class Progress:
    def __init__(self, stream: TextIO | None) -> None:
        self.stream = stream
        self.label = ""
        self.total = 0
        self.count = 0
        self._shown_at = 0.0

    def start(self, label: str, total: int) -> None:
        self.label, self.total, self.count = label, total, 0
        self._shown_at = 0.0

    def step(self, amount: int = 1) -> None:
        self.count += amount
        if self.stream is None or self.total < SHOW_FROM:
            return
        now = time.monotonic()
        if now - self._shown_at >= INTERVAL_SECONDS:
            self._shown_at = now
            self._show()

    def done(self) -> None:
        if self.stream is not None and self.total >= SHOW_FROM:
            self.count = self.total
            self._show()
            self.stream.write("\n")
            self.stream.flush()

    def _show(self) -> None:
        assert self.stream is not None
        percent = 100 * self.count // self.total if self.total else 100
        width = 30
        filled = width * percent // 100
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(f"\r{self.label} [{bar}] {percent:3d} % ({self.count}/{self.total})")
        self.stream.flush()
