"""A request letter the task worker could not make: IMDi sees it on the progress page, makes it
again, and the page follows the worker until it is there. axe at every state."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bosetting.letters.models import LetterState
from bosetting.planning import actions
from bosetting.planning.models import SettlementRequestVersion
from bosetting.planning.tests.helpers import prepare

from .support import check_axe, run_worker, save_screenshot

pytestmark = pytest.mark.browser


def test_imdi_makes_a_failed_letter_again_and_sees_it_made(
    cast, live_server, log_in_as, settings, tmp_path
):
    year = timezone.localdate().year
    drafts = [prepare(cast, cast.bergen), prepare(cast, cast.stord, 12, 0)]
    actions.send_requests(by=cast.imdi_caseworker, requests=drafts)
    working_media = settings.MEDIA_ROOT
    # Storage that cannot be written to: a file stands where the letters' folder must be made.
    blocked = tmp_path / "media"
    blocked.write_text("")
    settings.MEDIA_ROOT = str(blocked)
    run_worker()
    settings.MEDIA_ROOT = working_media
    assert set(SettlementRequestVersion.objects.values_list("letter_state", flat=True)) == {
        LetterState.FAILED
    }

    imdi = log_in_as(cast.imdi_caseworker)
    imdi.goto(f"{live_server.url}/anmodninger/brev/?aar={year}")
    expect(imdi.get_by_role("heading", level=1)).to_have_text(f"Anmodningsbrev for {year}")
    expect(imdi.get_by_text("2 brev kunne ikke lages")).to_be_visible()
    check_axe(imdi)
    save_screenshot(imdi, "planning-letters-failed")

    imdi.get_by_role("button", name="Lag brevet på nytt (Bergen, versjon 1)").click()
    expect(imdi.get_by_text("Brevet til Bergen lages på nytt.")).to_be_visible()
    expect(imdi.get_by_text("1 brev lages nå")).to_be_visible()
    check_axe(imdi)

    run_worker()

    expect(imdi.get_by_text("1 av 2 brev er laget")).to_be_visible(timeout=10_000)
    expect(imdi.get_by_text("1 brev kunne ikke lages")).to_be_visible()
    check_axe(imdi)
    imdi.get_by_role("button", name="Lag brevet på nytt (Stord, versjon 1)").click()
    run_worker()
    expect(imdi.get_by_text("Alle brevene er laget.")).to_be_visible(timeout=10_000)
    check_axe(imdi)
