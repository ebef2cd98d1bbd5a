"""The request letters are made by the real task worker (`manage.py db_worker`) after the sending
commits (ADR 15): progress on the page, a failed letter shown and made again, no letter twice.

These tests commit for real (transaction=True), as the worker needs."""

from __future__ import annotations

import hashlib
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from bosetting.accounts.permissions import AccessDenied
from bosetting.audit.models import AuditEvent, EventType
from bosetting.letters.models import LetterState
from bosetting.planning import actions
from bosetting.planning.errors import PlanningError
from bosetting.planning.models import SettlementRequest, SettlementRequestVersion
from bosetting.planning.tasks import render_request_letter

from .helpers import prepare

pytestmark = pytest.mark.django_db(transaction=True)


def run_worker() -> None:
    """Process every task waiting in the queue once, then return."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=StringIO())


def _send(cast, *municipalities) -> list[SettlementRequestVersion]:
    drafts = [prepare(cast, municipality) for municipality in municipalities]
    actions.send_requests(by=cast.imdi_caseworker, requests=drafts)
    return list(
        SettlementRequestVersion.objects.filter(request__in=drafts).order_by(
            "request__municipality__number"
        )
    )


def _pdf(version: SettlementRequestVersion) -> bytes:
    with version.letter.open("rb") as letter:
        return letter.read()


def test_sending_commits_first_and_the_worker_makes_the_letters(cast):
    versions = _send(cast, cast.bergen, cast.oslo)

    assert [version.letter_state for version in versions] == [LetterState.PENDING] * 2
    assert not any(version.letter for version in versions)
    assert SettlementRequest.objects.filter(state=SettlementRequest.State.SENT).count() == 2
    assert (
        DBTaskResult.objects.ready().filter(task_path__endswith="render_request_letter").count()
        == 2
    )

    run_worker()

    for version in versions:
        version.refresh_from_db()
        assert version.letter_state == LetterState.READY
        content = _pdf(version)
        assert content.startswith(b"%PDF-")
        assert hashlib.sha256(content).hexdigest() == version.letter_sha256


def test_running_the_task_again_makes_no_second_letter(cast, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    [version] = _send(cast, cast.bergen)
    run_worker()
    version.refresh_from_db()
    first = (version.letter.name, version.letter_sha256)

    render_request_letter.enqueue(version.pk)
    run_worker()
    render_request_letter.call(version.pk)

    version.refresh_from_db()
    assert (version.letter.name, version.letter_sha256) == first
    assert SettlementRequestVersion.objects.count() == 1
    assert [path.name for path in Path(tmp_path).rglob("*.pdf")] == [Path(version.letter.name).name]


def test_a_letter_that_fails_is_shown_and_can_be_made_again(cast, client_for, settings, tmp_path):
    [version] = _send(cast, cast.bergen)
    # Storage that cannot be written to: a file stands where the letters' folder must be made.
    blocked = tmp_path / "media"
    blocked.write_text("")
    working_media = settings.MEDIA_ROOT
    settings.MEDIA_ROOT = str(blocked)

    run_worker()

    version.refresh_from_db()
    assert version.letter_state == LetterState.FAILED
    assert not version.letter
    client = client_for(cast.imdi_caseworker)
    page = client.get(reverse("planning:letter_progress") + f"?aar={version.request.year}")
    body = page.content.decode()
    assert "1 brev kunne ikke lages" in body
    assert "Lag brevet på nytt" in body
    assert "hx-trigger" not in body  # nothing pending: no polling
    download = client.get(reverse("planning:letter_download", args=[version.pk]))
    assert download.status_code == 404

    settings.MEDIA_ROOT = working_media
    again = client.post(reverse("planning:make_letter_again", args=[version.pk]))

    assert again.status_code == 302
    version.refresh_from_db()
    assert version.letter_state == LetterState.PENDING
    event = AuditEvent.objects.get(event_type=EventType.REQUEST_LETTER_MADE_AGAIN)
    assert event.actor == cast.imdi_caseworker and event.municipality == cast.bergen
    pending_page = client.get(
        reverse("planning:letter_progress") + f"?aar={version.request.year}",
        headers={"HX-Request": "true", "HX-Target": "letter-progress"},
    ).content.decode()
    assert 'hx-trigger="every 2s"' in pending_page
    assert "<html" not in pending_page

    run_worker()

    version.refresh_from_db()
    assert version.letter_state == LetterState.READY
    assert _pdf(version).startswith(b"%PDF-")
    assert (
        "Alle brevene er laget."
        in client.get(
            reverse("planning:letter_progress") + f"?aar={version.request.year}"
        ).content.decode()
    )


def test_only_a_failed_letter_is_made_again_and_only_by_imdi(cast):
    [version] = _send(cast, cast.bergen)
    with pytest.raises(PlanningError):
        actions.make_request_letter_again(by=cast.imdi_caseworker, version=version)
    SettlementRequestVersion.objects.filter(pk=version.pk).update(letter_state=LetterState.FAILED)
    with pytest.raises(AccessDenied):
        actions.make_request_letter_again(by=cast.imdi_reader, version=version)
    with pytest.raises(AccessDenied):
        actions.make_request_letter_again(by=cast.bergen_caseworker, version=version)
    assert not AuditEvent.objects.filter(event_type=EventType.REQUEST_LETTER_MADE_AGAIN).exists()


def test_sending_leads_to_the_progress_page(cast, client_for):
    draft = prepare(cast, cast.bergen)
    client = client_for(cast.imdi_caseworker)

    response = client.post(reverse("planning:send") + f"?aar={draft.year}", {"all": "1"})

    assert response.status_code == 302
    assert response["Location"] == reverse("planning:letter_progress") + f"?aar={draft.year}"
    page = client.get(response["Location"]).content.decode()
    assert "0 av 1 brev er laget" in page
    assert 'hx-trigger="every 2s"' in page


@pytest.mark.parametrize("places", ["bergen", "bergen oslo stord"], ids=["one", "three"])
def test_the_progress_page_asks_the_same_queries_however_many_letters_failed(
    cast, client_for, django_assert_num_queries, places
):
    versions = _send(cast, *(getattr(cast, name) for name in places.split()))
    SettlementRequestVersion.objects.filter(pk__in=[v.pk for v in versions]).update(
        letter_state=LetterState.FAILED
    )
    client = client_for(cast.imdi_caseworker)
    url = reverse("planning:letter_progress") + f"?aar={versions[0].request.year}"
    with django_assert_num_queries(PROGRESS_QUERIES):
        page = client.get(url).content.decode()
    assert page.count("Lag brevet på nytt") == len(versions)


PROGRESS_QUERIES = 7
