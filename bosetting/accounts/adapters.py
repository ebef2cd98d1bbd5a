"""django-allauth hooks: no self sign-up, e-mail through the task worker, audit of logins."""

from __future__ import annotations

import time
from typing import Any

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.core import context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from bosetting.audit.actions import record_event
from bosetting.audit.models import EventType
from bosetting.core.http_methods import path_accepts_get
from bosetting.notifications.actions import email_only

from .ansattporten import config as ansattporten_config
from .ansattporten.client import end_session_url
from .ansattporten.session_keys import ID_TOKEN
from .models import User


class AccountAdapter(DefaultAccountAdapter):
    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        # allauth prefixes the site's domain, which without django.contrib.sites is the request's
        # Host: an app server asked under another name would keep a lockout counter of its own.
        # One counter per username, however the server was reached.
        login = credentials.get("email", credentials.get("username", ""))
        return f"login:{str(login).lower()}"

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False  # users are invited by an administrator

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """Render allauth's e-mail as usual, but let the task worker send it."""
        message = self.render_mail(template_prefix, email, context)
        html_body = None
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html_body = content
        body = message.body if message.content_subtype == "plain" else ""
        if template_prefix == "account/email/password_reset_key":
            _record_password_reset_request(email)
        email_only(to=email, subject=str(message.subject), body=body, html_body=html_body)

    def format_email_subject(self, subject: str) -> str:
        return subject  # the task adds the prefix

    def is_safe_url(self, url: str) -> bool:
        """A return address after login must also open in a browser: a POST-only address (e.g.
        a note's) can only answer 405, so the user goes to the start page instead."""
        return super().is_safe_url(url) and path_accepts_get(url)

    def is_reauthentication_required(self, *, app: str, **kwargs: Any) -> bool:
        """allauth asks for the password again before adding an authenticator. For the first one,
        right after the password was typed at login, that would only repeat the login."""
        if app == "allauth.mfa" and _is_enrolling_right_after_login(context.request):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def get_logout_redirect_url(self, request: HttpRequest) -> str:
        """After an Ansattporten login, logging out here goes on to end the session there too.
        (allauth asks before it logs out, so the session still has the login's id_token.)"""
        id_token = request.session.get(ID_TOKEN)
        current = ansattporten_config.current()
        if id_token and current is not None:
            url = end_session_url(
                current,
                id_token=id_token,
                post_logout_redirect_uri=request.build_absolute_uri(
                    reverse("ansattporten:logged_out")
                ),
            )
            if url:
                return url
        return super().get_logout_redirect_url(request)

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        if not settings.PASSWORD_LOGIN_ENABLED:
            # Ansattporten only: the password fallback is off in this deployment.
            raise ValidationError(
                _("Innlogging med passord er slått av. Logg inn med Ansattporten.")
            )
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            username = credentials.get("username", "")
            with transaction.atomic():
                record_event(
                    by=None,
                    actor_label=username or "ukjent",
                    event_type=EventType.LOCKOUT,
                    summary=_("Innlogging sperret for %(username)s etter for mange forsøk")
                    % {"username": username},
                    details={"username": username},
                )
            raise

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        username = credentials.get("username", "")
        with transaction.atomic():
            record_event(
                by=None,
                actor_label=username or "ukjent",
                event_type=EventType.LOGIN_FAILED,
                summary=_("Mislykket innlogging for %(username)s") % {"username": username},
                details={"username": username},
            )


class MFAAdapter(DefaultMFAAdapter):
    def get_totp_label(self, user: Any) -> str:
        return str(user.username)


def _is_enrolling_right_after_login(request: HttpRequest | None) -> bool:
    user = getattr(request, "user", None)
    if request is None or user is None or not user.is_authenticated:
        return False
    if Authenticator.objects.filter(user=user).exists():
        return False
    logins = [
        record
        for record in get_authentication_records(request, user)
        if record.get("method") == "password"
    ]
    if not logins:
        return False
    return time.time() - logins[-1]["at"] < account_settings.REAUTHENTICATION_TIMEOUT


def _record_password_reset_request(email: str) -> None:
    user = User.objects.filter(email__iexact=email).first()
    with transaction.atomic():
        record_event(
            by=None,
            actor_label=email,
            event_type=EventType.PASSWORD_RESET_REQUESTED,
            summary=_("Lenke for nytt passord sendt til %(email)s") % {"email": email},
            obj=user,
        )
