"""Project-wide pytest hooks. In CI a skipped test fails the run: a skipped test proves nothing."""

import os

import pytest


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if os.environ.get("CI") != "true":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        reporter.write_line(
            f"CI: {len(skipped)} test(s) were skipped; skips are not allowed in CI.", red=True
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
