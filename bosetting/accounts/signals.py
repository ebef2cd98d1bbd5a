"""Audit events for what django-allauth does on its own: logins, logouts, TOTP, passwords."""

from __future__ import annotations

import time
from typing import Any

from allauth.account.internal.flows.login import record_authentication
from allauth.account.signals import password_changed, password_reset
from allauth.mfa import signals as mfa_signals
from allauth.mfa.models import Authenticator
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db import transaction
from django.dispatch import receiver
from django.utils.translation import gettext as _

from bosetting.audit.actions import record_event
from bosetting.audit.models import EventType

from .ansattporten.session_keys import ANSATTPORTEN_LOGIN_FLAG
from .middleware import SESSION_EXPIRED_FLAG
from .session_lifetime import AUTH_STARTED_AT, LAST_SEEN_AT, forget_expiry


@receiver(user_logged_in)
def on_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    now = time.time()
    request.session[AUTH_STARTED_AT] = now
    request.session[LAST_SEEN_AT] = now
    # Logged in again: the login page has said why the last session ended.
    forget_expiry(request.session)
    if getattr(request, ANSATTPORTEN_LOGIN_FLAG, False):
        return  # its own event (ansattporten_login) says more: organisation and level
    with transaction.atomic():
        record_event(
            by=user,
            event_type=EventType.LOGIN,
            summary=_("%(user)s logget inn") % {"user": user},
            obj=user,
            municipality=user.own_municipality,
        )


@receiver(user_logged_out)
def on_logout(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is None or getattr(request, SESSION_EXPIRED_FLAG, False):
        return  # an expired session already wrote its session_expired event
    with transaction.atomic():
        record_event(
            by=user,
            event_type=EventType.LOGOUT,
            summary=_("%(user)s logget ut") % {"user": user},
            obj=user,
            municipality=user.own_municipality,
        )


@receiver(mfa_signals.authenticator_added)
def on_authenticator_added(
    sender: Any, request: Any, user: Any, authenticator: Authenticator, **kwargs: Any
) -> None:
    if authenticator.type == Authenticator.Type.TOTP:
        # Enrolling means a valid code was just entered: that is the second factor for this session,
        # and as fresh as allauth's own reauthentication, so the recovery codes shown next need none.
        record_authentication(
            request, user, method="mfa", type="totp", id=authenticator.pk, reauthenticated=True
        )
        event_type = EventType.TOTP_ENROLLED
        summary = _("%(user)s aktiverte tofaktorinnlogging") % {"user": user}
    else:
        event_type = EventType.RECOVERY_CODES_GENERATED
        summary = _("%(user)s fikk gjenopprettingskoder") % {"user": user}
    with transaction.atomic():
        record_event(by=user, event_type=event_type, summary=summary, obj=user)


@receiver(mfa_signals.authentication_failed)
def on_mfa_failed(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    with transaction.atomic():
        record_event(
            by=None,
            actor_label=user.username,
            event_type=EventType.TOTP_FAILED,
            summary=_("Feil engangskode for %(user)s") % {"user": user.username},
            obj=user,
        )


@receiver(password_reset)
@receiver(password_changed)
def on_password_changed(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    with transaction.atomic():
        record_event(
            by=user,
            event_type=EventType.PASSWORD_CHANGED,
            summary=_("%(user)s satte nytt passord") % {"user": user},
            obj=user,
        )
