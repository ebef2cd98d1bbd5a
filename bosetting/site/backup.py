"""Backup and restore of a PostgreSQL installation: the database with pg_dump's custom format, and
the uploaded and generated files (documents, letters) under MEDIA_ROOT, in one folder with a
manifest of checksums, so that a restore can refuse a damaged or incomplete backup whole."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import tarfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

DUMP = "database.dump"
MEDIA = "media.tar"
MANIFEST = "manifest.json"


class BackupError(Exception):
    """A message for the operator: the backup or restore did nothing it should not have."""


def _libpq(database: dict[str, Any], name: str | None = None) -> tuple[list[str], dict[str, str]]:
    if database["ENGINE"] != "django.db.backends.postgresql":
        raise BackupError("Sikkerhetskopi er for PostgreSQL (DATABASE_URL=postgres://…).")
    arguments = ["--host", str(database.get("HOST") or "localhost")]
    if database.get("PORT"):
        arguments += ["--port", str(database["PORT"])]
    if database.get("USER"):
        arguments += ["--username", str(database["USER"])]
    environment = {**os.environ}
    if database.get("PASSWORD"):
        environment["PGPASSWORD"] = str(database["PASSWORD"])
    return [*arguments, "--dbname", name or str(database["NAME"])], environment


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as source:
        for block in iter(lambda: source.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _run(command: list[str], environment: dict[str, str]) -> None:
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} feilet: {result.stderr.strip()[-2000:]}")


def backup(folder: Path) -> dict[str, Any]:
    """Write a new backup to `folder`, which must not exist yet."""
    if folder.exists():
        raise BackupError(f"{folder} finnes allerede: velg en ny mappe for hver sikkerhetskopi.")
    folder.mkdir(parents=True)
    database = settings.DATABASES["default"]
    connection_arguments, environment = _libpq(database)
    _run(
        [
            "pg_dump",
            "--format=custom",
            "--no-owner",
            "--file",
            str(folder / DUMP),
            *connection_arguments,
        ],
        environment,
    )
    media = Path(settings.MEDIA_ROOT)
    with tarfile.open(folder / MEDIA, "w") as archive:
        if media.exists():
            archive.add(media, arcname=".")
    manifest = {
        "made_at": timezone.now().isoformat(timespec="seconds"),
        "database": str(database["NAME"]),
        "files": {name: _sha256(folder / name) for name in (DUMP, MEDIA)},
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def _checked(folder: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"{folder} har ingen lesbar {MANIFEST}: {error}") from error
    for name, expected in manifest.get("files", {}).items():
        path = folder / name
        if not path.is_file() or _sha256(path) != expected:
            raise BackupError(f"{name} mangler eller er endret siden sikkerhetskopien ble tatt.")
    if set(manifest.get("files", {})) != {DUMP, MEDIA}:
        raise BackupError("Sikkerhetskopien er ufullstendig.")
    return manifest


def restore(folder: Path, *, into: str, media_root: Path) -> None:
    """Restore into the new, empty database `into` and the empty folder `media_root`."""
    _checked(folder)
    database = settings.DATABASES["default"]
    maintenance, environment = _libpq(database, "postgres")
    if media_root.exists() and any(media_root.iterdir()):
        raise BackupError(f"{media_root} er ikke tom: gjenopprett til en ny mappe.")
    _run(["createdb", *maintenance[:-2], "--template", "template0", into], environment)
    target, _ = _libpq(database, into)
    _run(
        [
            "pg_restore",
            "--no-owner",
            "--exit-on-error",
            "--single-transaction",
            *target,
            str(folder / DUMP),
        ],
        environment,
    )
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / MEDIA) as archive:
        archive.extractall(media_root, filter="data")  # refuses links and paths out of the folder
