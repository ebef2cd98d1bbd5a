"""The OpenID Connect client: Authlib's Django client, configured like Ansattporten expects.

Authlib keeps state, nonce and the PKCE verifier in the session (one entry per login, removed
when it is used, so a replayed callback finds nothing), signs the client assertion
(private_key_jwt), verifies the id_token against the provider's JWKS (fetched again when a key
id is unknown: the provider's key rotation) and checks its claims, nonce included. Here only
what Authlib leaves to the application: the `iss` of the callback, the level (acr) and the
organisation the employee chose.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import requests
from authlib.integrations.base_client import OAuthError
from authlib.integrations.base_client.errors import MismatchingStateError
from authlib.integrations.django_client import DjangoOAuth2App, OAuth
from authlib.oauth2.rfc7523 import PrivateKeyJWT
from authlib.oauth2.rfc7523.assertion import private_key_jwt_sign
from django.http import HttpRequest
from joserfc.errors import ClaimError, JoseError

from .config import Config, acr_is_enough
from .refusals import Reason, Refused

# What a login in progress keeps beside Authlib's own entry, by state: an invitation being
# accepted, and where to go afterwards.
PENDING = "ansattporten_pending"
ORGANISATION_AUTHORITY_PREFIX = "0192:"  # ISO 6523 ICD of Enhetsregisteret
# Digdir asks that a client assertion live at most two minutes.
ASSERTION_LIFETIME_SECONDS = 120


@dataclass(frozen=True)
class Identity:
    """What a verified login says: who, at which level, for which organisations."""

    pid: str
    name: str
    acr: str
    organisation_numbers: list[str]
    id_token: str


class _ShortLivedAssertion(PrivateKeyJWT):
    """Authlib's private_key_jwt with a two-minute assertion and the key id in its header."""

    def sign(self, auth: Any, token_endpoint: str) -> str:
        return str(
            private_key_jwt_sign(
                auth.client_secret,
                client_id=auth.client_id,
                token_endpoint=token_endpoint,
                header=dict(self.headers or {}),
                alg=self.alg,
                expires_in=ASSERTION_LIFETIME_SECONDS,
            )
        )


_apps: dict[Config, DjangoOAuth2App] = {}


def app_for(config: Config) -> DjangoOAuth2App:
    """One Authlib client per configuration, kept for the process: it holds the provider's
    metadata and keys, fetched once and again on an unknown key id."""
    if config not in _apps:
        key = config.client_key()
        oauth = OAuth()
        _apps[config] = oauth.register(
            "ansattporten",
            client_id=config.client_id,
            client_secret=key,
            server_metadata_url=config.metadata_url,
            client_kwargs={
                "scope": " ".join(config.scopes),
                "code_challenge_method": "S256",
                "token_endpoint_auth_method": "private_key_jwt",
                "default_timeout": config.timeout,
            },
            # Ansattporten's audience for the assertion is its issuer, not the token endpoint.
            client_auth_methods=[
                _ShortLivedAssertion(
                    token_endpoint=config.issuer, headers={"kid": config.key_id or key.kid}
                )
            ],
        )
    return _apps[config]


def authorization_redirect_url(
    request: HttpRequest, config: Config, *, redirect_uri: str, pending: dict[str, Any]
) -> str:
    """The provider's address for a new login; state, nonce and verifier go to the session."""
    app = app_for(config)
    created = app.create_authorization_url(
        redirect_uri,
        acr_values=config.acr_values,
        authorization_details=json.dumps(config.authorization_details()),
        ui_locales="nb",
    )
    app.save_authorize_data(request, redirect_uri=redirect_uri, **created)
    request.session.setdefault(PENDING, {})[created["state"]] = pending
    request.session.modified = True
    return str(created["url"])


def pending_login(request: HttpRequest) -> dict[str, Any]:
    """What the login in progress kept (empty for an unknown state); used once."""
    state = request.GET.get("state", "")
    pending: dict[str, Any] = request.session.get(PENDING, {}).pop(state, {})
    request.session.modified = True
    return pending


def finish_login(request: HttpRequest, config: Config) -> Identity:
    """Verify the callback and the tokens; Refused with the reason otherwise."""
    app = app_for(config)
    try:
        metadata = app.load_server_metadata()
        _check_issuer(request, metadata)
        token = app.authorize_access_token(request, leeway=30)
    except Refused:
        raise
    except MismatchingStateError as error:
        raise Refused(Reason.STATE_INVALID) from error
    except OAuthError as error:
        # An error in the callback itself (e.g. the person cancelled), or the token endpoint's
        # answer: invalid_grant is a code that expired or was used before.
        code_refused = not request.GET.get("error") and error.error == "invalid_grant"
        raise Refused(
            Reason.CODE_REJECTED if code_refused else Reason.PROVIDER_ERROR,
            details={"error": str(error.error)[:100]},
        ) from error
    except ClaimError as error:
        reason = Reason.NONCE_MISMATCH if error.claim == "nonce" else Reason.TOKEN_INVALID
        raise Refused(reason, details={"claim": error.claim}) from error
    except JoseError as error:
        raise Refused(Reason.TOKEN_INVALID, details={"error": error.error}) from error
    except requests.RequestException as error:
        raise Refused(Reason.PROVIDER_ERROR, details={"error": type(error).__name__}) from error
    if "id_token" not in token:
        raise Refused(Reason.TOKEN_INVALID, details={"claim": "id_token"})
    claims = token.get("userinfo") or {}
    if "nonce" not in claims:
        # Authlib checks the nonce only when the id_token has one; ours always asks for one.
        raise Refused(Reason.NONCE_MISMATCH, details={"claim": "nonce"})
    organisation_numbers = chosen_organisations(token.get("authorization_details"), config)
    acr = str(claims.get("acr", ""))
    details = {"acr": acr, "organisation_numbers": organisation_numbers}
    if not acr_is_enough(acr, config.acr_values):
        raise Refused(Reason.ACR_TOO_LOW, chosen=organisation_numbers, details=details)
    pid = str(claims.get("pid") or "")
    if not pid:
        raise Refused(Reason.TOKEN_INVALID, details={"claim": "pid"})
    return Identity(
        pid=pid,
        name=str(claims.get("name", "")),
        acr=acr,
        organisation_numbers=organisation_numbers,
        id_token=str(token["id_token"]),
    )


def _check_issuer(request: HttpRequest, metadata: dict[str, Any]) -> None:
    """RFC 9207: the authorization response names its issuer, which must be ours (a mix-up
    attack sends another provider's response to this callback)."""
    issuer = request.GET.get("iss")
    if issuer is None and not metadata.get("authorization_response_iss_parameter_supported"):
        return
    if issuer != metadata.get("issuer"):
        raise Refused(Reason.ISSUER_MISMATCH, details={"iss": str(issuer)[:200]})


def chosen_organisations(details: Any, config: Config) -> list[str]:
    """The organisation numbers in the token response's authorization_details of our type:
    `authorized_parties[].orgno.ID`, "0192:<orgnr>"."""
    numbers: list[str] = []
    for detail in details if isinstance(details, list) else []:
        if not isinstance(detail, dict) or detail.get("type") != config.details_type:
            continue
        for party in detail.get("authorized_parties") or []:
            orgno = party.get("orgno") if isinstance(party, dict) else None
            value = orgno.get("ID", "") if isinstance(orgno, dict) else ""
            if isinstance(value, str) and value.startswith(ORGANISATION_AUTHORITY_PREFIX):
                number = value.removeprefix(ORGANISATION_AUTHORITY_PREFIX)
                if number not in numbers:
                    numbers.append(number)
    return numbers


def end_session_url(config: Config, *, id_token: str, post_logout_redirect_uri: str) -> str | None:
    """The provider's end-session address for this login, or None if it has none."""
    app = app_for(config)
    try:
        result = app.create_logout_url(
            post_logout_redirect_uri=post_logout_redirect_uri, id_token_hint=id_token
        )
    except (RuntimeError, requests.RequestException):
        return None
    return str(result["url"])
