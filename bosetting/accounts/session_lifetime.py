"""When a session has expired, and what an expired one leaves behind for the login page.

A session ends after SESSION_IDLE_TIMEOUT without activity or SESSION_ABSOLUTE_TIMEOUT after the
login, whichever comes first (SessionLifetimeMiddleware). The times are kept in the session as
Unix timestamps.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase

AUTH_STARTED_AT = "bosetting_auth_started_at"
LAST_SEEN_AT = "bosetting_last_seen_at"
# Left in the new, anonymous session when one expires: why, and whose it was (kept_input.py).
EXPIRED = "bosetting_session_expired"


class ExpiryReason(StrEnum):
    IDLE = "idle"  # SESSION_IDLE_TIMEOUT without a request that counts as activity
    ABSOLUTE = "absolute"  # SESSION_ABSOLUTE_TIMEOUT since the login, however active


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
