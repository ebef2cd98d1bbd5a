"""Backup and restore on PostgreSQL: a restored copy passes verify_audit_log and serves pages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from bosetting.audit.models import AuditEvent
from bosetting.cases import actions
from bosetting.cases.tests.factories import make_case

ROOT = Path(__file__).resolve().parents[3]
pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]

SERVE = """
import django
django.setup()
from django.test import Client
from bosetting.accounts.models import User
from bosetting.cases.models import Document
from bosetting.conftest import log_in
client = log_in(Client(), User.objects.get(username="imdi.saksbehandler"))
print(Client().get("/healthz").status_code, client.get("/").status_code)
print(Document.objects.get().file.read() == open(0, "rb").read())
"""


def _restored_environment(database: str, media: Path) -> dict[str, str]:
    url = settings.DATABASES["default"]
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bosetting.settings.test",
        "DATABASE_URL": f"postgres://{url['USER']}@{url['HOST']}:{url['PORT']}/{database}",
        "MEDIA_ROOT": str(media),
    }


@pytest.fixture
def restored_name():
    name = f"bosetting_restore_{os.getpid()}"
    yield name
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_restored_backup_verifies_and_serves_pages(cast, tmp_path, restored_name):
    content = b"%PDF-1.4\n% vedtak fra kommunestyret"
    actions.upload_document(
        by=cast.imdi_caseworker,
        case=make_case(by=cast.imdi_caseworker),
        title="Vedtak",
        upload=SimpleUploadedFile("vedtak.pdf", content),
    )
    events = AuditEvent.objects.count()
    call_command("backup", tmp_path / "kopi")

    call_command("restore", tmp_path / "kopi", into=restored_name, media_root=tmp_path / "media")

    environment = _restored_environment(restored_name, tmp_path / "media")
    verify = subprocess.run(
        [sys.executable, "manage.py", "verify_audit_log"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert verify.returncode == 0, verify.stderr
    assert verify.stdout.startswith(f"OK: {events} hendelser")
    served = subprocess.run(
        [sys.executable, "-c", SERVE],
        cwd=ROOT,
        env=environment,
        input=content,
        capture_output=True,
        check=False,
    )
    assert served.returncode == 0, served.stderr.decode()[-2000:]
    assert served.stdout.decode().split() == ["200", "200", "True"]


def test_a_damaged_backup_is_refused_whole(cast, tmp_path, restored_name):
    call_command("backup", tmp_path / "kopi")
    with (tmp_path / "kopi" / "database.dump").open("ab") as dump:
        dump.write(b"x")

    with pytest.raises(CommandError, match="endret siden"):
        call_command("restore", tmp_path / "kopi", into=restored_name, media_root=tmp_path / "m")
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [restored_name])
        assert cursor.fetchone() is None


def test_a_backup_never_overwrites_an_earlier_one(cast, tmp_path):
    (tmp_path / "kopi").mkdir()
    with pytest.raises(CommandError, match="finnes allerede"):
        call_command("backup", tmp_path / "kopi")
