"""The benchmark table's figures are real: the query count is the page's, run after run."""

from __future__ import annotations

from bosetting.demo.benchmarking import Benchmark, format_table, logged_in_client, measure


def test_measure_counts_the_queries_of_every_benchmark_in_a_row(cast, django_assert_num_queries):
    client = logged_in_client(cast.imdi_caseworker)
    with django_assert_num_queries(10):
        client.get("/anmodninger/oversikt/")
    first = measure(Benchmark("Årsoversikt", lambda: client.get("/anmodninger/oversikt/")), runs=2)
    second = measure(Benchmark("Igjen", lambda: client.get("/anmodninger/oversikt/")), runs=2)
    assert first.queries == second.queries == 10
    assert first.median_ms > 0
    table = format_table([first, second])
    assert "Årsoversikt" in table and "| 10" in table
