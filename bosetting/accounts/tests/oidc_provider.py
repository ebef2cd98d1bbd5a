"""A real OpenID provider for the tests: scripts/oidc-provider (the npm package oidc-provider,
configured like Ansattporten), started once per test session and stopped at its end.

Fixtures:
- `oidc_provider`: the running provider (session);
- `ansattporten`: the provider, with the settings that make Bosetting use it (per test).

The provider listens on 127.0.0.1, on OIDC_PROVIDER_PORT if set, else on a free port.
"""

from __future__ import annotations

import copy
import json
import os
import selectors
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pytest
import requests
from joserfc.jwk import RSAKey

ROOT = Path(__file__).resolve().parents[3]
PROVIDER_DIR = ROOT / "scripts" / "oidc-provider"
CLIENT_ID = "bosetting-test"
RESOURCE = "urn:altinn:resource:imdi-bosetting"
CALLBACK_PATH = "/konto/ansattporten/tilbake/"
LOGGED_OUT_PATH = "/konto/ansattporten/utlogget/"
START_TIMEOUT_SECONDS = 60  # a loaded machine (the browser tests beside) starts node slowly


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class OidcProvider:
    port: int
    client_key: RSAKey
    process: subprocess.Popen[str] | None = None
    restarts: int = field(default=0)
    # What the provider writes to stderr, for the message when it does not start.
    _log: IO[str] = field(default_factory=lambda: tempfile.TemporaryFile("w+"))  # noqa: SIM115 (closed by the fixture)

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        public = self.client_key.as_dict(private=False)
        env = {
            **os.environ,
            "OIDC_PORT": str(self.port),
            "OIDC_CLIENT_ID": CLIENT_ID,
            "OIDC_CLIENT_JWKS": json.dumps({"keys": [public]}),
            "OIDC_CALLBACK_PATH": CALLBACK_PATH,
            "OIDC_LOGOUT_PATH": LOGGED_OUT_PATH,
        }
        self.process = subprocess.Popen(
            ["node", "provider.mjs"],  # noqa: S607 (node from PATH, as npm installed for it)
            cwd=PROVIDER_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
        )
        assert self.process.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(self.process.stdout, selectors.EVENT_READ)
            started = bool(selector.select(timeout=START_TIMEOUT_SECONDS))
        line = self.process.stdout.readline() if started else ""
        if not line.startswith("ready "):
            exit_code = self.process.poll()
            self.stop()
            self._log.seek(0)
            raise RuntimeError(
                f"the test OpenID provider did not start (exit code {exit_code}, "
                f"started {started}): {self._log.read()}"
            )

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            if self.process.stdout is not None:
                self.process.stdout.close()
            self.process = None

    def restart(self) -> None:
        """A new process signs with a new key: the provider's key rotation."""
        self.stop()
        self.start()
        self.restarts += 1

    def move_clock(self, seconds: int) -> None:
        """Move the provider's clock forward (0 puts it back)."""
        response = requests.post(f"{self.issuer}/test/clock", data={"seconds": seconds}, timeout=5)
        response.raise_for_status()

    def expire_next_code(self) -> None:
        """Move the provider's clock past the next code's lifetime as soon as it is issued."""
        response = requests.post(f"{self.issuer}/test/expire-next-code", timeout=5)
        response.raise_for_status()

    def settings(self) -> dict[str, Any]:
        return {
            "ANSATTPORTEN_ISSUER": self.issuer,
            "ANSATTPORTEN_CLIENT_ID": CLIENT_ID,
            "ANSATTPORTEN_CLIENT_KEY": json.dumps(self.client_key.as_dict(private=True)),
            "ANSATTPORTEN_CLIENT_KEY_ID": "",
            "ANSATTPORTEN_RESOURCE": RESOURCE,
            "ANSATTPORTEN_AUTHORIZATION_DETAILS_TYPE": "ansattporten:altinn:resource",
            "ANSATTPORTEN_ACR_VALUES": "idporten-loa-high",
            "ANSATTPORTEN_SCOPES": ["openid", "profile"],
            "ANSATTPORTEN_PID_KEY": "test-key-for-identity-numbers-0123456789",
        }


@pytest.fixture(scope="session")
def oidc_provider() -> Iterator[OidcProvider]:
    if shutil.which("node") is None or not (PROVIDER_DIR / "node_modules").is_dir():
        pytest.fail(
            "The test OpenID provider needs Node.js and its npm packages: `make test` installs "
            "them (scripts/install-system-packages node, then npm ci in scripts/oidc-provider)."
        )
    port = int(os.environ.get("OIDC_PROVIDER_PORT") or _free_port())
    provider = OidcProvider(
        port=port, client_key=RSAKey.generate_key(2048, parameters={"kid": "bosetting-test-1"})
    )
    provider.start()
    yield provider
    provider.stop()
    provider._log.close()


@pytest.fixture
def ansattporten(oidc_provider: OidcProvider, settings: Any) -> Iterator[OidcProvider]:
    for name, value in oidc_provider.settings().items():
        setattr(settings, name, value)
    # As base.py does for a configured issuer: logging out is redirected on to the provider.
    policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"]["form-action"] = [
        *policy["DIRECTIVES"]["form-action"],
        oidc_provider.issuer,
    ]
    settings.CONTENT_SECURITY_POLICY = policy
    yield oidc_provider
    oidc_provider.move_clock(0)
