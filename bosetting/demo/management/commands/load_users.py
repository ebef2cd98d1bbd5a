"""`manage.py load_users --count N`: users with a known password and TOTP secret, for the
production-like run's cross-process tests and the load script. Demo mode only."""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from bosetting.accounts.actions import create_user
from bosetting.accounts.models import User
from bosetting.accounts.roles import Role
from bosetting.accounts.totp import enrol_totp, totp_secret
from bosetting.organisations.actions import ensure_imdi
from bosetting.organisations.models import Municipality

PASSWORD = "last-passord-2026"  # noqa: S105  (demo mode only)

ROLES = {
    "imdi": (Role.IMDI_CASEWORKER, None),
    "bergen": (Role.MUNICIPAL_CASEWORKER, "4601"),
}


def secret_for(username: str) -> str:
    """A TOTP secret the caller can compute again: base32 of a hash of the name."""
    return base64.b32encode(hashlib.sha256(username.encode()).digest()[:20]).decode()


class Command(BaseCommand):
    help = "Lager brukere med kjent passord og engangskodenøkkel for last- og flerserverprøver."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, default=30)
        parser.add_argument("--kind", choices=sorted(ROLES), default="imdi")

    def handle(self, *args: Any, count: int, kind: str, **options: Any) -> None:
        if not settings.DEMO_MODE:
            raise CommandError("load_users virker bare i demomodus (BOSETTING_DEMO=1).")
        role, number = ROLES[kind]
        organisation = (
            Municipality.objects.get(number=number).organisation if number else ensure_imdi()
        )
        users = []
        with transaction.atomic():
            for index in range(count):
                username = f"last.{kind}.{index:03d}"
                user = User.objects.filter(username=username).first()
                if user is None:
                    user = create_user(
                        by=None,
                        organisation=organisation,
                        username=username,
                        email=f"{username}@example.invalid",
                        first_name="Last",
                        last_name=f"{kind.title()} {index}",
                        roles=[role],
                        password=PASSWORD,
                    )
                if totp_secret(user) is None:
                    enrol_totp(user=user, secret=secret_for(username))
                users.append(
                    {"username": username, "password": PASSWORD, "secret": secret_for(username)}
                )
        self.stdout.write(json.dumps(users))
