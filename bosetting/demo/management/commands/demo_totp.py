from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from bosetting.accounts.models import User
from bosetting.accounts.totp import totp_code, totp_secret


class Command(BaseCommand):
    help = "Skriver gjeldende engangskode (TOTP) for en demobruker. Bare i demomodus."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        if not settings.DEMO_MODE:
            raise CommandError("demo_totp virker bare i demomodus (BOSETTING_DEMO=1).")
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Fant ingen bruker med brukernavnet {username}.")
        secret = totp_secret(user)
        if secret is None:
            raise CommandError(f"{username} har ikke satt opp tofaktorinnlogging.")
        self.stdout.write(totp_code(secret))
