"""A rate limit per API client, counted in the cache (settings: REST_FRAMEWORK's "api_client")."""

from __future__ import annotations

from typing import Any

from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from .models import ApiClient


class ClientRateThrottle(SimpleRateThrottle):
    scope = "api_client"

    def get_rate(self) -> str | None:
        # Read at call time, so a changed setting (and a test's override) takes effect at once.
        rate: str | None = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
        return rate

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        client = request.auth
        if not isinstance(client, ApiClient):
            return None  # refused before it gets here; nothing to count
        return self.cache_format % {"scope": self.scope, "ident": client.pk}
