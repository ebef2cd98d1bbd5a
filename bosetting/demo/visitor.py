"""An HTTP client for the production-like run (scripts/prod-like): through nginx, or straight to
one app server as nginx would ask it. Used by the cross-process tests and `manage.py load`.

Cookies are kept by hand: the session cookie is Secure, and the app servers are reached over
plain HTTP from the machine itself, as nginx reaches them.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import requests

from bosetting.accounts.totp import totp_code

ROOT = Path(__file__).resolve().parents[2]  # the project
STATE = ROOT / "var" / "prod-like"
# The same variables and defaults as scripts/prod-like, so that runs side by side can each have
# their own ports.
NGINX = f"https://127.0.0.1:{os.environ.get('PROD_LIKE_PORT', '8443')}"
APP_SERVERS = tuple(
    f"http://127.0.0.1:{port}"
    for port in os.environ.get("PROD_LIKE_APP_PORTS", "8401 8402").split()
)
_HIDDEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Visitor:
    """One browser: its cookies, and the address it says it comes from."""

    address: str = "203.0.113.10"
    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self, base: str, method: str, path: str, data: dict | None = None
    ) -> requests.Response:
        headers = {"Referer": f"{NGINX}{path}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if base != NGINX:
            # What nginx sends on: the public Host, the client's address, TLS done.
            headers.update(
                {
                    "Host": NGINX.removeprefix("https://"),
                    "X-Forwarded-Proto": "https",
                    "X-Forwarded-For": self.address,
                }
            )
        if data is not None and "csrftoken" in self.cookies:
            data = {"csrfmiddlewaretoken": self.cookies["csrftoken"], **data}
        response = requests.request(
            method,
            base + path,
            data=data,
            headers=headers,
            allow_redirects=False,
            timeout=60,
            verify=str(STATE / "tls.crt"),
        )
        for cookie in response.cookies:
            if cookie.value:
                self.cookies[cookie.name] = cookie.value
            else:
                self.cookies.pop(cookie.name, None)
        return response

    def get(self, base: str, path: str) -> requests.Response:
        return self.request(base, "GET", path)

    def post(self, base: str, path: str, data: dict[str, str]) -> requests.Response:
        return self.request(base, "POST", path, data)

    def password_step(self, base: str, username: str, password: str) -> requests.Response:
        self.get(base, "/konto/login/")
        return self.post(base, "/konto/login/", {"login": username, "password": password})

    def code_step(self, base: str, code: str) -> requests.Response:
        return self.post(base, "/konto/2fa/authenticate/", {"code": code})

    def log_in(self, base: str, user: dict[str, str]) -> None:
        answer = self.password_step(base, user["username"], user["password"])
        assert answer.status_code == 302, answer.text[:500]
        answer = self.code_step(base, totp_code(user["secret"]))
        assert answer.status_code == 302 and answer.headers["Location"] == "/", answer.text[:500]
