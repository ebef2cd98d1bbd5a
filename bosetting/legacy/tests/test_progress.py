"""The progress line: shown for long files, rewritten in place, silent for short ones."""

from __future__ import annotations

import io

from bosetting.legacy.progress import SHOW_FROM, Progress


def test_progress_is_shown_for_a_long_file_and_ends_at_the_total() -> None:
    stream = io.StringIO()
    progress = Progress(stream)

    progress.start("Leser personer.csv", SHOW_FROM * 2)
    for _ in range(SHOW_FROM):
        progress.step()
    progress.done()

    text = stream.getvalue()
    assert text.startswith("\rLeser personer.csv [")
    assert text.endswith(f"100 % ({SHOW_FROM * 2}/{SHOW_FROM * 2})\n")


def test_progress_is_silent_for_a_short_file() -> None:
    stream = io.StringIO()
    progress = Progress(stream)

    progress.start("Leser saker.csv", 10)
    progress.step()
    progress.done()

    assert stream.getvalue() == ""
