"""The request letters are made by the task worker (`manage.py db_worker`), after the sending
commits (ADR 15): sending the requests of a year is one quick transaction, not 357 PDFs."""

from __future__ import annotations

import logging

from django.db import transaction
from django_tasks import task

from bosetting.letters.models import LetterState

from .letters import request_letter
from .models import SettlementRequestVersion

logger = logging.getLogger(__name__)


@task()
def render_request_letter(version_id: int) -> None:
    """Make the letter of one request version. Idempotent: a version whose letter is ready (a
    retry after a run that did succeed) or failed (waiting for IMDi to ask again) is left alone."""
    with transaction.atomic():
        version = (
            SettlementRequestVersion.objects.select_for_update(of=("self",))
            .select_related("request__municipality")
            .filter(pk=version_id)
            .first()
        )
        if version is None or version.letter_state != LetterState.PENDING:
            return
        try:
            with transaction.atomic():
                letter = request_letter(version)
                version.letter.save(
                    letter.content.name or "anmodning.pdf", letter.content, save=False
                )
                version.letter_sha256 = letter.sha256
                version.letter_state = LetterState.READY
                version.save(update_fields=["letter", "letter_sha256", "letter_state"])
        except Exception:
            # Shown on the progress page with «Lag brevet på nytt»; the cause is in the log.
            logger.exception("Request letter of version %s could not be made", version_id)
            version.letter_state = LetterState.FAILED
            version.save(update_fields=["letter_state"])
