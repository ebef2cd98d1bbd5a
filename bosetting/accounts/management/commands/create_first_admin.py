"""`manage.py create_first_admin EMAIL`: the first way in on a new installation."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from bosetting.accounts.actions import AccountError, create_first_admin
from bosetting.core.counts import counted


class Command(BaseCommand):
    help = (
        "Oppretter IMDis første administrator og skriver ut en engangslenke der hen velger "
        "passord og setter opp engangskoder. Avvises når IMDi allerede har en administrator."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="E-postadressen, som også blir brukernavnet.")
        parser.add_argument("--fornavn", default="", dest="first_name")
        parser.add_argument("--etternavn", default="", dest="last_name")
        parser.add_argument(
            "--organisasjonsnummer",
            default="",
            dest="organisation_number",
            help="IMDis organisasjonsnummer: innlogging med Ansattporten kontrolleres mot det.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user, token = create_first_admin(
                email=options["email"],
                first_name=options["first_name"],
                last_name=options["last_name"],
                organisation_number="".join(options["organisation_number"].split()),
            )
        except AccountError as error:
            raise CommandError(str(error)) from error
        link = settings.SITE_URL.rstrip("/") + reverse("accounts:accept_invitation", args=[token])
        days = settings.INVITATION_VALID_FOR.days
        self.stdout.write(f"{user.email} er opprettet som IMDi-administrator.")
        self.stdout.write(f"Engangslenke (gjelder i {counted(days, 'dag')}, vises bare nå):")
        self.stdout.write(link)
