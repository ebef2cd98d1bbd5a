"""Fixtures for the planning tests."""

from __future__ import annotations

from typing import Any

import pytest

from bosetting.planning.models import SettlementRequest

from .helpers import send


@pytest.fixture
def bergen_request(cast: Any) -> SettlementRequest:
    """Bergen's request for this year, sent."""
    return send(cast, cast.bergen)
