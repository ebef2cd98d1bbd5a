"""This app's part of `seed_demo` (demo mode only). Idempotent: running it twice adds nothing."""

from __future__ import annotations

from django.core.management.base import OutputWrapper


def seed(*, stdout: OutputWrapper) -> None:
    """Demo users, municipalities, the agreement, requests and cases exist when this runs."""
