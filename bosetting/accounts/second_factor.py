"""Whether this session has passed the second factor (TOTP at login, or just enrolled)."""

from typing import Any

from allauth.account.authentication import get_authentication_records


def session_used_second_factor(request: Any) -> bool:
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)
