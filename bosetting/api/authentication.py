"""`Authorization: Bearer <token>`: the client's service user becomes the request's user.

Only tokens are accepted on /api/v1/: no session, so no CSRF exposure and no browser riding on an
employee's login. Unknown, malformed and revoked tokens get the same 401.
"""

from __future__ import annotations

import hmac
from datetime import timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request

from .actions import hash_token, split_token
from .models import ApiClient

# Compared against when no client has the prefix, so unknown prefixes cost the same work.
_NO_HASH = "0" * 64
# last_used_at is for the administrators' overview; a minute's precision spares a write per call.
_LAST_USED_PRECISION = timedelta(minutes=1)


class BearerTokenAuthentication(BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[Any, ApiClient] | None:
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise AuthenticationFailed(_("Authorization-headeren skal være «Bearer <token>»."))
        try:
            token = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise AuthenticationFailed(_("Ukjent eller tilbakekalt token.")) from None
        return self._client_for(token)

    def _client_for(self, token: str) -> tuple[Any, ApiClient]:
        prefix = split_token(token)
        client = (
            ApiClient.objects.select_related("service_user__organisation")
            .filter(token_prefix=prefix)
            .first()
            if prefix
            else None
        )
        matches = hmac.compare_digest(hash_token(token), client.token_hash if client else _NO_HASH)
        if (
            client is None
            or not matches
            or client.revoked_at is not None
            or not client.service_user.is_active
        ):
            raise AuthenticationFailed(_("Ukjent eller tilbakekalt token."))
        now = timezone.now()
        if client.last_used_at is None or now - client.last_used_at > _LAST_USED_PRECISION:
            # A timestamp, not a change of state: no audit event, and no lock on the client.
            ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
        return client.service_user, client

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'
