"""Whether this session has passed the second factor (TOTP at login, or just enrolled), or
logged in with Ansattporten, whose level high is itself a login with two factors."""

from typing import Any

from allauth.account.authentication import get_authentication_records

from .ansattporten.session_keys import METHOD as ANSATTPORTEN


def session_used_second_factor(request: Any) -> bool:
    records = get_authentication_records(request, request.user)
    return any(record.get("method") in ("mfa", ANSATTPORTEN) for record in records)
