"""The formula's newest version, which every proposal starts from."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .models import Formula

# As migration 0002 publishes it: population first, as every country that publishes its key
# does; a minimum of 10, as IMDi's in 2018; at most 10 places per 1,000 inhabitants.
FIRST_VERSION: dict[str, Any] = {
    "population_weight": 60,
    "settled_recently_weight": 25,
    "fulfilment_weight": 15,
    "minimum_request": 10,
    "maximum_per_thousand": Decimal("10.0"),
    "note": "Første versjon.",
}


def latest_formula() -> Formula:
    """The newest version. Migration 0002 makes the first; a database whose tables were emptied
    since (a restore of data without it, a test that flushes) gets that same first version
    again, instead of a page that fails."""
    formula = Formula.objects.order_by("-version").first()
    if formula is None:
        formula, _created = Formula.objects.get_or_create(version=1, defaults=FIRST_VERSION)
    return formula
