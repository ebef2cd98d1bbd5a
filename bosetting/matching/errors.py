"""The matching app's refusal, with the message the user is shown."""

from __future__ import annotations


class MatchingError(ValueError):
    """A refused change, with a message the user is shown, and the form field it concerns if any."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
