"""The personas and the route description the permission matrix walks.

Each app with routes keeps its own list in `<app>/tests/routes.py` (ROUTES, and `extend_world`
adding the objects its routes need); test_permission_matrix.py joins them all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

PERSONAS = [
    "anonymous",
    "imdi_admin",
    "imdi_caseworker",
    "imdi_reader",
    "bergen_admin",
    "bergen_caseworker",
    "bergen_reader",
    "oslo_admin",
    "oslo_caseworker",
    "stord_admin",
    "stord_caseworker",
    "reception_staff",
]
IMDI = {"imdi_admin", "imdi_caseworker", "imdi_reader"}
BERGEN = {"bergen_admin", "bergen_caseworker", "bergen_reader"}
MUNICIPAL = BERGEN | {"oslo_admin", "oslo_caseworker", "stord_admin", "stord_caseworker"}
LOGGED_IN = set(PERSONAS) - {"anonymous"}
ADMINS = {"imdi_admin", "bergen_admin", "oslo_admin", "stord_admin"}
# Municipal users who may read the log: their municipality has signed the current agreement.
LOG_READERS = IMDI | {"bergen_admin", "bergen_caseworker", "oslo_admin", "oslo_caseworker"}


@dataclass(frozen=True)
class Route:
    name: str
    args: Callable[[SimpleNamespace], list[Any]] = lambda world: []
    method: str = "get"
    allowed: set[str] = field(default_factory=set)
    allowed_status: int = 200
    # Personas who must not learn that the object exists: 404 rather than 403.
    hidden: set[str] = field(default_factory=set)
    public: bool = False  # reachable without login
