"""The person's identity number (`pid`) is kept only as a keyed hash."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.utils.crypto import salted_hmac


def hash_pid(pid: str) -> str:
    """HMAC-SHA256 of the number under ANSATTPORTEN_PID_KEY: the same person gives the same
    hash, and without the key a list of hashes cannot be matched against identity numbers."""
    key = settings.ANSATTPORTEN_PID_KEY
    if key:
        return hmac.new(key.encode(), pid.encode(), hashlib.sha256).hexdigest()
    # Demo and tests only; production requires its own key (site/checks.py).
    return salted_hmac("bosetting.ansattporten.pid", pid, algorithm="sha256").hexdigest()
