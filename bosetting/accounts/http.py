"""The request type of every view behind the login: its user is a `User`, never anonymous.

`LoginRequiredMiddleware` and `TwoFactorRequiredMiddleware` let no anonymous request reach a view
that is not marked `login_not_required`, so those views may say so to the type checker. Every
request passes django-htmx's middleware, which sets `htmx`.
"""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from .models import User


class AuthenticatedHttpRequest(HttpRequest):
    user: User
    htmx: HtmxDetails
