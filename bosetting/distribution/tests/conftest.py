"""Fixtures for the distribution tests: Bergen has places this year, and ready cases wait."""

from __future__ import annotations

from typing import Any

import pytest

from bosetting.planning.models import MunicipalDecision

from .helpers import approve_places


@pytest.fixture
def bergen_places(cast: Any) -> MunicipalDecision:
    return approve_places(cast.bergen, places=20, takes_minors=True)
