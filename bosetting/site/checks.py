"""System checks that refuse an unsafe production configuration.

They run with every management command and `check --deploy`, and `bosetting/wsgi.py` runs them
before it serves a request, so an app server with an unsafe setting does not start. They apply
only under production settings (`PRODUCTION = True`); locally and in tests nothing is asked.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

from bosetting.accounts.ansattporten import config as ansattporten

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
    errors += _login_is_configured()
    return errors


def _login_is_configured() -> list[CheckMessage]:
    """Ansattporten is the production login; password + TOTP only when turned on explicitly."""
    current = ansattporten.current()
    if current is None:
        if settings.PASSWORD_LOGIN_ENABLED:
            return []
        return [
            Error(
                "Ingen innlogging er satt opp: sett ANSATTPORTEN_ISSUER, ANSATTPORTEN_CLIENT_ID og "
                "ANSATTPORTEN_CLIENT_KEY, eller slå på innlogging med passord og engangskode "
                "uttrykkelig med BOSETTING_PASSWORD_LOGIN=1.",
                id="bosetting.E006",
            )
        ]
    errors: list[CheckMessage] = []
    if len(settings.ANSATTPORTEN_PID_KEY) < 32:
        errors.append(
            Error(
                "ANSATTPORTEN_PID_KEY må settes til minst 32 tegn: nøkkelen fødselsnummeret "
                "lagres som hash med. Hold den utenfor databasen; byttes den, må alle inviteres "
                "på nytt.",
                id="bosetting.E007",
            )
        )
    try:
        key = current.client_key()
    except ValueError as error:
        errors.append(
            Error(
                f"ANSATTPORTEN_CLIENT_KEY er ikke en privat RSA-nøkkel (JWK eller PEM): {error}",
                id="bosetting.E008",
            )
        )
    else:
        if not (current.key_id or key.kid):
            errors.append(
                Error(
                    "Nøkkelen til Ansattporten mangler nøkkel-id: sett «kid» i JWK-en eller "
                    "ANSATTPORTEN_CLIENT_KEY_ID.",
                    id="bosetting.E009",
                )
            )
    if current.details_type == "ansattporten:altinn:resource" and not current.resource:
        errors.append(
            Error(
                "ANSATTPORTEN_RESOURCE må settes til Altinn-ressursen for Bosetting når "
                "ANSATTPORTEN_AUTHORIZATION_DETAILS_TYPE er ansattporten:altinn:resource.",
                id="bosetting.E010",
            )
        )
    return errors
