"""Moments for generated history: working hours, whole seconds, UTC."""

from __future__ import annotations

import datetime
import random

from bosetting.organisations.models import Municipality


def at(day: datetime.date, rng: random.Random) -> datetime.datetime:
    """A moment in working hours on `day` (07–15 UTC is 08/09–16/17 in Oslo)."""
    return datetime.datetime.combine(
        day, datetime.time(rng.randint(7, 14), rng.randint(0, 59), rng.randint(0, 59)), datetime.UTC
    )


def days(count: int) -> datetime.timedelta:
    return datetime.timedelta(days=count)


def municipal_label(municipality: Municipality) -> str:
    # Generated history has no municipal user accounts; the log names the municipality instead.
    return f"Saksbehandler i {municipality.name} (historikk)"
