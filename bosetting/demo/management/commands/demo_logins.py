from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bosetting.demo.management.commands.seed_demo import DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = "Skriver demobrukerne og hvordan de logger inn. Bare i demomodus."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_MODE:
            raise CommandError("demo_logins virker bare i demomodus (BOSETTING_DEMO=1).")
        self.stdout.write("")
        self.stdout.write(f"Bosetting kjører på {settings.SITE_URL.rstrip('/')}/")
        self.stdout.write(f"Demobrukere (passord for alle: {DEMO_PASSWORD}):")
        for username, first, last, _organisation, roles in DEMO_USERS:
            labels = ", ".join(str(role.label) for role in roles)
            self.stdout.write(f"  {username:<22} {first} {last} – {labels}")
        self.stdout.write("Engangskode: .venv/bin/python manage.py demo_totp BRUKERNAVN")
        self.stdout.write("")
