"""`python manage.py import_legacy DIR [--dry-run] [--utfort-av E-POST] [--legg-til-roller]`: see
docs/import-format.md."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from bosetting.accounts.models import User
from bosetting.legacy.actions import ImportRefused, ImportResult, import_legacy
from bosetting.legacy.progress import Progress
from bosetting.legacy.reading import Problem


class Command(BaseCommand):
    help = "Overfører data fra det gamle systemet (CSV-filer i en mappe). Alt eller ingenting."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Sjekk og tell hva som ville blitt opprettet, endret og latt være; lagre ingenting.",
        )
        parser.add_argument(
            "--utfort-av",
            dest="by",
            default="",
            help="E-postadressen til IMDi-brukeren som kjører importen (står i hendelsesloggen).",
        )
        parser.add_argument(
            "--legg-til-roller",
            dest="add_roles",
            action="store_true",
            help=(
                "Gi nye roller også til brukere som finnes og har passord. Uten dette "
                "rapporteres rollene, men legges ikke til."
            ),
        )
        parser.add_argument("--no-progress", action="store_true", help="Ingen fremdriftslinje.")

    def handle(
        self,
        *args: Any,
        directory: Path,
        dry_run: bool,
        by: str,
        add_roles: bool,
        **options: Any,
    ) -> None:
        if not directory.is_dir():
            raise CommandError(_("Finner ikke mappen %(dir)s.") % {"dir": directory})
        user = None
        if by:
            user = User.objects.filter(email__iexact=by, organisation__kind="imdi").first()
            if user is None:
                raise CommandError(
                    _("Finner ingen IMDi-bruker med e-post %(email)s.") % {"email": by}
                )
        progress = Progress(None if options["no_progress"] else cast(TextIO, self.stderr._out))
        try:
            result = import_legacy(
                # Not resolved: a symbolic link given as the directory must be seen, and refused.
                by=user,
                directory=directory.absolute(),
                dry_run=dry_run,
                progress=progress,
                actor_label=f"import_legacy ({getpass.getuser()})" if user is None else None,
                add_roles=add_roles,
            )
        except ImportRefused as refused:
            for problem in refused.problems:
                self.stdout.write(str(problem))
            self._notices(refused.notices)
            raise CommandError(
                _("%(count)s problemer. Ingenting er lagret.") % {"count": len(refused.problems)}
            ) from None
        self._notices(result.notices)
        self._summary(result)

    def _notices(self, notices: list[Problem]) -> None:
        for notice in notices:
            self.stdout.write(_("Merk: %(notice)s") % {"notice": notice})

    def _summary(self, result: ImportResult) -> None:
        header = (_("Fil"), _("opprettet"), _("endret"), _("uendret"))
        rows = [
            (f"{entity}.csv", str(c.created), str(c.changed), str(c.unchanged))
            for entity, c in result.counts.items()
        ]
        rows.append((_("Sum"), str(result.created), str(result.changed), str(result.unchanged)))
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]
        for row in [header, *rows]:
            self.stdout.write(
                "  ".join(
                    cell.ljust(w) if i == 0 else cell.rjust(w)
                    for i, (cell, w) in enumerate(zip(row, widths, strict=True))
                )
            )
        if result.dry_run:
            self.stdout.write(_("Tørrkjøring: ingenting er lagret."))
        elif not result.created and not result.changed:
            self.stdout.write(_("Alt var allerede overført: ingenting er endret (uendret)."))
        else:
            self.stdout.write(_("Overføringen er lagret."))
