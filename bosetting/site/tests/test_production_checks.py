"""`check --deploy` under production settings refuses each unsafe setting, and the WSGI entry
point refuses to start with one (bosetting/site/checks.py)."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from joserfc.jwk import RSAKey

ROOT = Path(__file__).resolve().parents[3]

SAFE = {
    "DJANGO_SETTINGS_MODULE": "bosetting.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(64),
    "CACHE_URL": "redis://127.0.0.1:6379/0",
    "TRUSTED_PROXY_COUNT": "1",
    "BOSETTING_DEMO": "0",
    "DEBUG": "0",
    "DATABASE_URL": "sqlite:////tmp/bosetting-check-deploy.sqlite3",
    # The password + TOTP fallback, turned on explicitly (Ansattporten is checked below).
    "BOSETTING_PASSWORD_LOGIN": "1",
}


def _ansattporten(**changes: str | None) -> dict[str, str | None]:
    """Ansattporten configured, the password fallback off."""
    key = RSAKey.generate_key(2048, parameters={"kid": "bosetting-1"})
    return {
        "BOSETTING_PASSWORD_LOGIN": None,
        "ANSATTPORTEN_ISSUER": "https://test.ansattporten.no",
        "ANSATTPORTEN_CLIENT_ID": "bosetting-test",
        "ANSATTPORTEN_CLIENT_KEY": json.dumps(key.as_dict(private=True)),
        "ANSATTPORTEN_RESOURCE": "urn:altinn:resource:imdi-bosetting",
        "ANSATTPORTEN_PID_KEY": secrets.token_urlsafe(32),
        **changes,
    }


# The browser tests switch Django's async check off for the test process (Playwright's event loop
# runs in its thread); a production process never inherits that.
NOT_INHERITED = {"DJANGO_ALLOW_ASYNC_UNSAFE"}


def _run(args: list[str], **changes: str | None) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in SAFE and key not in NOT_INHERITED
    }
    env.update(SAFE)
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def check_deploy(**changes: str | None) -> subprocess.CompletedProcess[str]:
    return _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **changes)


def test_a_safe_production_configuration_passes():
    result = check_deploy()
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"CACHE_URL": None}, "bosetting.E004"),
        ({"CACHE_URL": "locmemcache://bosetting"}, "bosetting.E004"),
        ({"TRUSTED_PROXY_COUNT": None}, "bosetting.E005"),
        ({"DEBUG": "1"}, "bosetting.E002"),
        ({"BOSETTING_DEMO": "1"}, "bosetting.E003"),
        ({"SECRET_KEY": "too-short"}, "bosetting.E001"),
    ],
    ids=["no-cache-url", "per-process-cache", "no-trusted-proxy", "debug", "demo", "short-key"],
)
def test_check_deploy_refuses_an_unsafe_setting(changes, code):
    result = check_deploy(**changes)
    assert result.returncode != 0
    assert code in result.stderr


def test_ansattporten_alone_is_a_safe_login():
    result = check_deploy(**_ansattporten())
    assert result.returncode == 0, result.stderr


def test_check_deploy_refuses_neither_ansattporten_nor_the_password_fallback():
    result = check_deploy(BOSETTING_PASSWORD_LOGIN=None)
    assert result.returncode != 0
    assert "bosetting.E006" in result.stderr


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"ANSATTPORTEN_PID_KEY": "kort"}, "bosetting.E007"),
        ({"ANSATTPORTEN_CLIENT_KEY": "ikke en nøkkel"}, "bosetting.E008"),
        ({"ANSATTPORTEN_RESOURCE": None}, "bosetting.E010"),
    ],
    ids=["short-pid-key", "no-private-key", "no-resource"],
)
def test_check_deploy_refuses_an_incomplete_ansattporten(changes, code):
    result = check_deploy(**_ansattporten(**changes))
    assert result.returncode != 0
    assert code in result.stderr


def test_the_app_server_refuses_to_start_with_an_unsafe_setting():
    result = _run(["-c", "import bosetting.wsgi"], CACHE_URL=None)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "bosetting.E004" in result.stderr


def test_the_app_server_starts_with_a_safe_configuration():
    result = _run(["-c", "import bosetting.wsgi"])
    assert result.returncode == 0, result.stderr


def test_postgresql_connections_are_made_without_jit():
    """The production settings ask PostgreSQL for no JIT on every connection (issue 14)."""
    result = _run(
        [
            "-c",
            "import django; django.setup(); from django.db import connection; "
            "print(connection.get_connection_params()['options'])",
        ],
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/postgres",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "-c jit=off"


def test_the_database_answers_that_jit_is_off(db):
    if connection.vendor != "postgresql":
        assert "options" not in connection.settings_dict.get("OPTIONS", {})
        return
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
