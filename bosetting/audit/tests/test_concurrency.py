"""Two writers appending at once must not both chain onto the same previous event.

PostgreSQL serialises appends with an advisory lock; SQLite with IMMEDIATE transactions, which
take the write lock at BEGIN, before the last hash is read.
"""

import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

import pytest
from django.db import OperationalError, connection, transaction

from bosetting.audit.actions import record_event
from bosetting.audit.models import AuditEvent, EventType
from bosetting.audit.verification import find_first_break

EVENTS_PER_THREAD = 20


@contextmanager
def atomic_waiting_at_begin() -> Iterator[None]:
    """`transaction.atomic()`, but waiting for the write lock at BEGIN like a file database does.

    The test database is SQLite's shared-cache in-memory database, whose lock answers "database
    table is locked" at once instead of waiting out the busy timeout (20 s) that a SQLite file
    waits in every other environment. Only the BEGIN is retried: a writer that got past it
    without the lock and then collided would still fail the test. PostgreSQL never retries here.
    """
    deadline = time.monotonic() + 20
    with ExitStack() as stack:
        while True:
            try:
                stack.enter_context(transaction.atomic())
                break
            except OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
                time.sleep(0.001)
        yield


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_keep_the_chain_unbroken():
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def append(writer: str) -> None:
        try:
            start.wait()
            for n in range(EVENTS_PER_THREAD):
                with atomic_waiting_at_begin():
                    record_event(
                        by=None,
                        actor_label=writer,
                        event_type=EventType.LOGIN,
                        summary=f"{writer} hendelse {n}",
                    )
        except BaseException as error:  # reported below, not lost in the thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=append, args=(name,)) for name in ("A", "B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert AuditEvent.objects.count() == 2 * EVENTS_PER_THREAD
    assert set(AuditEvent.objects.values_list("actor_label", flat=True)) == {"A", "B"}
    checked, chain_break = find_first_break()
    assert chain_break is None
    assert checked == 2 * EVENTS_PER_THREAD
