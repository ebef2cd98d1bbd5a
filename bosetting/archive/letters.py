"""The letters as the system keeps them, for the package: the stored PDF/A, byte for byte.

A letter still waiting for the task worker (ADR 15) is made here and now by the worker's own
task, called directly: it locks the row, makes the letter from what was fixed when it was
planned, and stores it, so the package and the system hold the same file with the same
SHA-256. A letter that failed stays failed (only IMDi makes it again); the package lists it
with the reason instead of leaving it out."""

from __future__ import annotations

from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext_lazy as _

from bosetting.distribution.models import DecisionLetter
from bosetting.distribution.tasks import render_decision_letter
from bosetting.letters.models import LetterState
from bosetting.planning.models import SettlementRequestVersion
from bosetting.planning.tasks import render_request_letter

FAILED = _("Brevet kunne ikke lages. IMDi lager det på nytt; last ned pakken igjen etterpå.")


def _read(file: FieldFile) -> bytes:
    with file.open("rb") as handle:
        return handle.read()


def request_letter_content(version: SettlementRequestVersion) -> bytes | None:
    if version.letter_state == LetterState.PENDING:
        render_request_letter.call(version.pk)
        version.refresh_from_db(fields=["letter", "letter_sha256", "letter_state"])
    if version.letter_state != LetterState.READY:
        return None
    return _read(version.letter)


def decision_letter_content(letter: DecisionLetter) -> bytes | None:
    if letter.state == LetterState.PENDING:
        render_decision_letter.call(letter.pk)
        letter.refresh_from_db(fields=["file", "sha256", "state"])
    if letter.state != LetterState.READY:
        return None
    return _read(letter.file)
