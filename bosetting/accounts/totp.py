"""Helpers around allauth's TOTP authenticator for demo data and tests."""

from __future__ import annotations

import time
from typing import Any

from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.db import transaction
from django.utils.translation import gettext as _

from bosetting.audit.actions import record_event
from bosetting.audit.models import EventType

TOTP_PERIOD = 30


def enrol_totp(*, user: Any, secret: str | None = None) -> str:
    """Give the user a TOTP authenticator and recovery codes. Returns the secret."""
    secret = secret or generate_totp_secret()
    with transaction.atomic():
        TOTP.activate(user, secret)
        RecoveryCodes.activate(user)
        record_event(
            by=None,
            event_type=EventType.TOTP_ENROLLED,
            summary=_("Tofaktorinnlogging satt opp for %(user)s") % {"user": user.username},
            obj=user,
        )
    return secret


def totp_secret(user: Any) -> str | None:
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if authenticator is None:
        return None
    return get_adapter().decrypt(authenticator.data["secret"])


def totp_code(secret: str, *, at: float | None = None) -> str:
    counter = int(at if at is not None else time.time()) // TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))
