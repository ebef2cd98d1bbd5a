"""How long a session has left, and what an expired one leaves behind for the login page.

A session ends after SESSION_IDLE_TIMEOUT without activity or SESSION_ABSOLUTE_TIMEOUT after the
login, whichever comes first (SessionLifetimeMiddleware). The times are kept in the session as
Unix timestamps; the page gets what is left of them, so the warning dialog can count down.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase

AUTH_STARTED_AT = "bosetting_auth_started_at"
LAST_SEEN_AT = "bosetting_last_seen_at"
# Activity is written to the session when the last written activity is this old: a write (an
# UPDATE and a commit) on every request was a good share of a busy server's work, and an idle
# session may then end up to this much earlier than its full timeout, never later.
ACTIVITY_RESOLUTION_SECONDS = 60
# Left in the new, anonymous session when one expires: why, and whose it was (kept_input.py).
EXPIRED = "bosetting_session_expired"


class ExpiryReason(StrEnum):
    IDLE = "idle"  # SESSION_IDLE_TIMEOUT without a request that counts as activity
    ABSOLUTE = "absolute"  # SESSION_ABSOLUTE_TIMEOUT since the login, however active


@dataclass(frozen=True)
class TimeLeft:
    idle_seconds: int
    absolute_seconds: int

    @property
    def seconds(self) -> int:
        return min(self.idle_seconds, self.absolute_seconds)

    @property
    def extendable(self) -> bool:
        """Whether activity can still move the end: not once the 120 minutes come first."""
        return self.idle_seconds < self.absolute_seconds

    def as_json(self) -> dict[str, Any]:
        return {
            "idle_seconds": self.idle_seconds,
            "absolute_seconds": self.absolute_seconds,
            "seconds": self.seconds,
            "extendable": self.extendable,
        }


def time_left(session: SessionBase, *, now: float | None = None) -> TimeLeft:
    now = time.time() if now is None else now
    started = session.get(AUTH_STARTED_AT, now)
    last_seen = session.get(LAST_SEEN_AT, now)
    idle = settings.SESSION_IDLE_TIMEOUT.total_seconds() - (now - last_seen)
    absolute = settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds() - (now - started)
    return TimeLeft(idle_seconds=max(0, int(idle)), absolute_seconds=max(0, int(absolute)))


def expiry_reason(session: SessionBase, *, now: float) -> ExpiryReason | None:
    started = session.get(AUTH_STARTED_AT, now)
    last_seen = session.get(LAST_SEEN_AT, now)
    if now - last_seen > settings.SESSION_IDLE_TIMEOUT.total_seconds():
        return ExpiryReason.IDLE
    if now - started > settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds():
        return ExpiryReason.ABSOLUTE
    return None


def mark_expired(session: SessionBase, *, reason: ExpiryReason, user_pk: int) -> None:
    session[EXPIRED] = {"reason": str(reason), "user": user_pk}


def expired_user_pk(session: SessionBase) -> int | None:
    """The user whose session expired in this browser, until someone logs in again."""
    marker = session.get(EXPIRED)
    return int(marker["user"]) if marker else None


def expiry_notice(session: SessionBase) -> dict[str, Any] | None:
    """What the login page says after an expiry; nothing after a normal logout (a new session)."""
    marker = session.get(EXPIRED)
    if not marker:
        return None
    idle = marker["reason"] == ExpiryReason.IDLE
    timeout = settings.SESSION_IDLE_TIMEOUT if idle else settings.SESSION_ABSOLUTE_TIMEOUT
    return {"idle": idle, "minutes": int(timeout.total_seconds() // 60)}


def forget_expiry(session: SessionBase) -> None:
    session.pop(EXPIRED, None)
