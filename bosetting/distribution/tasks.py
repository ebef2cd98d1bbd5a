"""The settlement decisions' letters are made by the task worker (`manage.py db_worker`) after
the decisions commit (ADR 15): deciding many cases is one quick transaction, not a PDF each."""

from __future__ import annotations

import logging

from django.db import transaction
from django_tasks import task

from bosetting.cases.queries import members_of
from bosetting.letters.models import LetterState

from .letters import decision_letter
from .models import DecisionLetter

logger = logging.getLogger(__name__)


@task()
def render_decision_letter(letter_id: int) -> None:
    """Make one planned letter. Idempotent: a letter that is ready (a retry after a run that did
    succeed) or failed (waiting for IMDi to ask again) is left alone."""
    with transaction.atomic():
        letter = (
            DecisionLetter.objects.select_for_update(of=("self",))
            .select_related(
                "decision__case", "decision__municipality", "template_version__template"
            )
            .filter(pk=letter_id)
            .first()
        )
        if letter is None or letter.state != LetterState.PENDING:
            return
        try:
            with transaction.atomic():
                made = decision_letter(letter, members=list(members_of(letter.decision.case)))
                letter.file.save(made.content.name or "vedtak.pdf", made.content, save=False)
                letter.sha256 = made.sha256
                letter.state = LetterState.READY
                letter.save(update_fields=["file", "sha256", "state"])
        except Exception:
            # Shown on the progress page with «Lag brevet på nytt»; the cause is in the log.
            logger.exception("Decision letter %s could not be made", letter_id)
            letter.state = LetterState.FAILED
            letter.save(update_fields=["state"])
