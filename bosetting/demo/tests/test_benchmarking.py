"""The benchmark table's figures are real: the query count is the page's, run after run."""

from __future__ import annotations

import pytest

from bosetting.demo.benchmarking import Benchmark, Result, format_table, logged_in_client, measure
from bosetting.demo.benchmarks.legacy import clear_dead_rows


def test_measure_counts_the_queries_of_every_benchmark_in_a_row(cast, django_assert_num_queries):
    client = logged_in_client(cast.imdi_caseworker)
    with django_assert_num_queries(7):
        client.get("/anmodninger/oversikt/")
    first = measure(Benchmark("Årsoversikt", lambda: client.get("/anmodninger/oversikt/")), runs=2)
    second = measure(Benchmark("Igjen", lambda: client.get("/anmodninger/oversikt/")), runs=2)
    assert first.queries == second.queries == 7
    assert first.median_ms > 0
    table = format_table([first, second])
    assert "Årsoversikt" in table and "| 7 " in table


def test_the_table_shows_the_sql_time_and_marks_a_ratio_over_two():
    within = Result("Innenfor", median_ms=30.0, queries=4, goal_ms=300.0, sql_ms=20.0)
    over = Result("Over", median_ms=90.0, queries=4, goal_ms=300.0, sql_ms=30.0)
    table = format_table([within, over]).splitlines()
    assert "SQL-tid" in table[0] and "Forhold" in table[0]
    assert "| 1.5 " in table[2] and "*" not in table[2]
    assert "| 3.0 *" in table[3]


def test_measure_times_the_sql_of_the_page(cast):
    client = logged_in_client(cast.imdi_caseworker)
    result = measure(Benchmark("Årsoversikt", lambda: client.get("/anmodninger/oversikt/")), runs=3)
    assert 0 < result.sql_ms < result.median_ms


@pytest.mark.django_db(transaction=True)
def test_the_dead_rows_of_the_rolled_back_import_are_cleared_outside_a_transaction():
    clear_dead_rows()  # PostgreSQL refuses VACUUM inside a transaction block: this would raise
