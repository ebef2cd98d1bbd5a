"""The api app's routes in the permission matrix (bosetting/core/tests/test_permission_matrix.py)."""

from __future__ import annotations

from types import SimpleNamespace

from bosetting.core.tests.matrix import Route

ROUTES: list[Route] = []


def extend_world(world: SimpleNamespace) -> None:
    """Add the objects these routes need to `world` (world.cast is the standing cast)."""
