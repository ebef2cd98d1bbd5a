"""Project-wide pytest hooks. In CI a skipped test fails the run: a skipped test proves nothing.

Tests marked `postgresql` check what only PostgreSQL has (the audit table's trigger); they are
deselected, not skipped, on SQLite, and .ci/run runs the whole suite on PostgreSQL too.
"""

import os

import pytest


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        return
    kept, deselected = [], []
    for item in items:
        (deselected if item.get_closest_marker("postgresql") else kept).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept


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
