"""System checks that refuse an unsafe production configuration.

They run with every management command and `check --deploy`, and `bosetting/wsgi.py` runs them
before it serves a request, so an app server with an unsafe setting does not start. They apply
only under production settings (`PRODUCTION = True`); locally and in tests nothing is asked.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

# Caches that every app server and the worker share. A per-process cache would give each
# gunicorn worker its own lockout counter and its own list of used TOTP codes, so the same
# code could be used once per process.
SHARED_CACHE_BACKENDS = frozenset(
    {
        "django.core.cache.backends.redis.RedisCache",
        "django.core.cache.backends.memcached.PyMemcacheCache",
        "django.core.cache.backends.db.DatabaseCache",
    }
)


@register(Tags.security)
def production_settings_are_safe(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    if not getattr(settings, "PRODUCTION", False):
        return []
    errors: list[CheckMessage] = []
    if len(settings.SECRET_KEY or "") < 50:
        errors.append(
            Error("SECRET_KEY må settes til minst 50 tegn i produksjon.", id="bosetting.E001")
        )
    if settings.DEBUG:
        errors.append(Error("DEBUG kan ikke være på i produksjon.", id="bosetting.E002"))
    if settings.DEMO_MODE:
        errors.append(Error("BOSETTING_DEMO kan ikke brukes i produksjon.", id="bosetting.E003"))
    backend = settings.CACHES["default"]["BACKEND"]
    if backend not in SHARED_CACHE_BACKENDS:
        errors.append(
            Error(
                "CACHE_URL må peke på en delt hurtigbuffer (for eksempel redis://…): "
                "låsing etter mislykkede innlogginger og brukte engangskoder må deles av alle "
                f"appservere. Nå: {backend}.",
                id="bosetting.E004",
            )
        )
    if getattr(settings, "ALLAUTH_TRUSTED_PROXY_COUNT", 0) < 1:
        errors.append(
            Error(
                "TRUSTED_PROXY_COUNT må settes til antall proxyer foran appserverne (vanligvis "
                "1): ellers deler alle brukere proxyens adresse, og grensen for mislykkede "
                "innlogginger per adresse stenger ute alle.",
                id="bosetting.E005",
            )
        )
    return errors
