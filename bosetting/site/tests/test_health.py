import json
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.test import Client

_PROBE = """
import django, json, os
django.setup()
from django.test import Client
response = Client().get("/healthz")
print(json.dumps({"status": response.status_code, "body": response.json()}))
"""


def test_healthz_answers_ok_without_login(db):
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_is_unreachable(tmp_path: Path):
    # A real process whose database file cannot be opened: no part of it is faked.
    unreachable = tmp_path / "no-such-folder" / "db.sqlite3"
    result = subprocess.run(
        [sys.executable, "-c", _PROBE],
        cwd=settings.BASE_DIR,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "bosetting.settings.test",
            "DATABASE_URL": f"sqlite:///{unreachable}",
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["status"] == 503
    assert answer["body"]["status"] == "error"
