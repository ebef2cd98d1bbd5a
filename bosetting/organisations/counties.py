"""The municipality file that load_municipalities reads (Kartverket 2024), and its counties.

The API's county filter offers exactly these numbers, and its schema says so: an enum read from
the file, not from the database, so that describing the API never needs a query.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

MUNICIPALITIES_CSV = Path(__file__).parent / "data" / "kommuner-2024.csv"


@cache
def county_numbers() -> tuple[str, ...]:
    with MUNICIPALITIES_CSV.open(encoding="utf-8", newline="") as handle:
        return tuple(sorted({row["fylkesnummer"] for row in csv.DictReader(handle)}))
