"""The planning app's refusal. Its own module, so that the actions and the state table
(`transitions`) share it without importing each other."""

from __future__ import annotations


class PlanningError(ValueError):
    """A refused change, with a message the user is shown, and the form field it concerns if any."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
