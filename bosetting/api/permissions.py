"""The scope check: which parts of the API a client may call at all.

What it reaches inside a part is decided by its service user's roles, through the interface's
own `has_permission` and scoped queries.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from .models import ApiClient


class HasScope(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        client = request.auth
        if not isinstance(client, ApiClient):
            self.message = _("Kallet må ha et gyldig token.")
            return False
        scope = getattr(view, "required_scope", None)
        if scope is None or not client.has_scope(scope):  # a view without a scope is closed
            self.message = _("API-klienten har ikke tilgangen %(scope)s.") % {"scope": scope}
            return False
        return True
