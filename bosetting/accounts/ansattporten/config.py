"""Whether Ansattporten is configured, and the values its client is made from."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.conf import settings
from joserfc.jwk import RSAKey

# Security levels in rising order (the older names Level3 and Level4 are the same levels).
ACR_RANK = {
    "idporten-loa-substantial": 1,
    "Level3": 1,
    "idporten-loa-high": 2,
    "Level4": 2,
}


@dataclass(frozen=True)
class Config:
    issuer: str
    client_id: str
    key: str
    key_id: str
    scopes: tuple[str, ...]
    acr_values: str
    details_type: str
    resource: str
    timeout: float

    @property
    def metadata_url(self) -> str:
        return f"{self.issuer.rstrip('/')}/.well-known/openid-configuration"

    def client_key(self) -> RSAKey:
        """The client's private key, from a JWK (JSON) or PEM; ValueError if it is neither."""
        text = self.key.strip()
        try:
            key = RSAKey.import_key(json.loads(text) if text.startswith("{") else text)
        except Exception as error:  # joserfc and cryptography raise several kinds
            raise ValueError(str(error) or type(error).__name__) from error
        if not key.is_private:
            raise ValueError("ANSATTPORTEN_CLIENT_KEY is a public key")
        return key

    def authorization_details(self) -> list[dict[str, str]]:
        detail = {"type": self.details_type}
        if self.resource:
            detail["resource"] = self.resource
        return [detail]


def current() -> Config | None:
    """The configuration, or None while the issuer, client id or key is missing."""
    if not (
        settings.ANSATTPORTEN_ISSUER
        and settings.ANSATTPORTEN_CLIENT_ID
        and settings.ANSATTPORTEN_CLIENT_KEY
    ):
        return None
    return Config(
        issuer=settings.ANSATTPORTEN_ISSUER,
        client_id=settings.ANSATTPORTEN_CLIENT_ID,
        key=settings.ANSATTPORTEN_CLIENT_KEY,
        key_id=settings.ANSATTPORTEN_CLIENT_KEY_ID,
        scopes=tuple(settings.ANSATTPORTEN_SCOPES),
        acr_values=settings.ANSATTPORTEN_ACR_VALUES,
        details_type=settings.ANSATTPORTEN_AUTHORIZATION_DETAILS_TYPE,
        resource=settings.ANSATTPORTEN_RESOURCE,
        timeout=settings.ANSATTPORTEN_TIMEOUT,
    )


def is_configured() -> bool:
    return current() is not None


def acr_is_enough(acr: str | None, required: str) -> bool:
    """Whether the level logged in at is at least the one asked for; an unknown level is not."""
    return ACR_RANK.get(acr or "", 0) >= ACR_RANK.get(required, len(ACR_RANK))
