"""The settlement decisions' letters are made by the real task worker (`manage.py db_worker`)
after the decisions commit (ADR 15): progress on the page, a failed letter shown and made again,
no letter twice. These tests commit for real (transaction=True), as the worker needs."""

from __future__ import annotations

import hashlib
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from bosetting.accounts.permissions import AccessDenied
from bosetting.audit.models import AuditEvent, EventType
from bosetting.letters.models import LetterState

from .. import actions
from ..errors import DistributionError
from ..models import DecisionLetter
from ..tasks import render_decision_letter
from .helpers import accepted, approve_places, ready_case

pytestmark = pytest.mark.django_db(transaction=True)

PROGRESS = reverse("distribution:letter_progress")


def run_worker() -> None:
    """Process every task waiting in the queue once, then return."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=StringIO())


def _decide(cast, count: int = 1) -> list[DecisionLetter]:
    approve_places(cast.bergen)
    items = [accepted(cast, ready_case()) for _ in range(count)]
    decisions = actions.decide_settlement(
        by=cast.imdi_caseworker, proposed_cases=items, decided_on=timezone.localdate()
    )
    return list(DecisionLetter.objects.filter(decision__in=decisions).order_by("pk"))


def test_deciding_commits_first_and_the_worker_makes_the_letters(cast):
    letters = _decide(cast, 2)

    assert len(letters) == 4  # the household's and the municipality's, for each case
    assert {letter.state for letter in letters} == {LetterState.PENDING}
    assert not any(letter.file for letter in letters)
    tasks = DBTaskResult.objects.ready().filter(task_path__endswith="render_decision_letter")
    assert tasks.count() == 4

    run_worker()

    for letter in letters:
        letter.refresh_from_db()
        assert letter.state == LetterState.READY
        with letter.file.open("rb") as stored:
            content = stored.read()
        assert content.startswith(b"%PDF-")
        assert hashlib.sha256(content).hexdigest() == letter.sha256


def test_running_the_task_again_makes_no_second_letter(cast, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    letters = _decide(cast)
    run_worker()
    before = {
        letter.pk: (letter.file.name, letter.sha256) for letter in DecisionLetter.objects.all()
    }

    for letter in letters:
        render_decision_letter.enqueue(letter.pk)
    run_worker()
    for letter in letters:
        render_decision_letter.call(letter.pk)

    after = {
        letter.pk: (letter.file.name, letter.sha256) for letter in DecisionLetter.objects.all()
    }
    assert after == before
    assert sorted(path.name for path in Path(tmp_path).rglob("*.pdf")) == sorted(
        Path(name).name for name, _sha in before.values()
    )


def test_a_letter_that_fails_is_shown_and_can_be_made_again(cast, client_for, settings, tmp_path):
    [household, municipality] = _decide(cast)
    # Storage that cannot be written to: a file stands where the letters' folder must be made.
    blocked = tmp_path / "media"
    blocked.write_text("")
    working_media = settings.MEDIA_ROOT
    settings.MEDIA_ROOT = str(blocked)

    run_worker()

    household.refresh_from_db()
    assert household.state == LetterState.FAILED
    client = client_for(cast.imdi_caseworker)
    body = client.get(PROGRESS).content.decode()
    assert "2 brev kunne ikke lages" in body
    assert "Lag brevet på nytt" in body
    assert "hx-trigger" not in body
    bergen = client_for(cast.bergen_caseworker)
    assert (
        bergen.get(reverse("distribution:letter_download", args=[household.pk])).status_code == 404
    )

    settings.MEDIA_ROOT = working_media
    again = client.post(reverse("distribution:make_letter_again", args=[household.pk]))

    assert again.status_code == 302
    household.refresh_from_db()
    assert household.state == LetterState.PENDING
    event = AuditEvent.objects.get(event_type=EventType.DECISION_LETTER_MADE_AGAIN)
    assert event.actor == cast.imdi_caseworker and event.municipality == cast.bergen
    partial = client.get(
        PROGRESS, headers={"HX-Request": "true", "HX-Target": "letter-progress"}
    ).content.decode()
    assert 'hx-trigger="every 2s"' in partial
    assert "<html" not in partial

    run_worker()

    household.refresh_from_db()
    municipality.refresh_from_db()
    assert household.state == LetterState.READY
    assert municipality.state == LetterState.FAILED  # made again only when asked
    assert "1 brev kunne ikke lages" in client.get(PROGRESS).content.decode()


def test_only_a_failed_letter_is_made_again_and_only_by_imdi(cast):
    [letter, _other] = _decide(cast)
    with pytest.raises(DistributionError):
        actions.make_decision_letter_again(by=cast.imdi_caseworker, letter=letter)
    DecisionLetter.objects.filter(pk=letter.pk).update(state=LetterState.FAILED)
    with pytest.raises(AccessDenied):
        actions.make_decision_letter_again(by=cast.bergen_caseworker, letter=letter)
    assert not AuditEvent.objects.filter(event_type=EventType.DECISION_LETTER_MADE_AGAIN).exists()


def test_deciding_leads_to_the_progress_page(cast, client_for):
    approve_places(cast.bergen)
    item = accepted(cast, ready_case())
    client = client_for(cast.imdi_caseworker)

    response = client.post(
        reverse("distribution:decide"),
        {
            "cases": [item.pk],
            "decided_on": timezone.localdate().strftime("%d.%m.%Y"),
            "confirm": "1",  # past the review step («Send inn»)
        },
    )

    assert response.status_code == 302
    assert response["Location"] == PROGRESS
    page = client.get(PROGRESS).content.decode()
    assert "0 av 2 brev er laget" in page
    assert 'hx-trigger="every 2s"' in page


@pytest.mark.parametrize("count", [1, 3])
def test_the_progress_page_asks_the_same_queries_however_many_letters_failed(
    cast, client_for, django_assert_num_queries, count
):
    letters = _decide(cast, count)
    DecisionLetter.objects.filter(pk__in=[letter.pk for letter in letters]).update(
        state=LetterState.FAILED
    )
    client = client_for(cast.imdi_caseworker)
    with django_assert_num_queries(PROGRESS_QUERIES):
        page = client.get(PROGRESS).content.decode()
    assert page.count("Lag brevet på nytt") == len(letters)


PROGRESS_QUERIES = 8
