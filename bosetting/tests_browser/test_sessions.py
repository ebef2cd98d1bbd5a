"""An expired session throws no work away: Bergen's caseworker writes a note, the session expires,
the note is sent, the login page says why, and after login the note is back on the case page and
saves. Before that, «Forlenge økten?» warns two minutes ahead and extends the session; near the
120-minute limit it says the session cannot be extended. axe in every state, at both widths.

The server's clock is moved with time-machine (the live server runs in this process); the page's
clock with Playwright's `page.clock`, by the same amount, as if the user had left the tab open.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from bosetting.accounts.tests.factories import PASSWORD
from bosetting.accounts.totp import enrol_totp, totp_secret
from bosetting.cases.models import Note
from bosetting.settlement.tests.factories import make_matched_case

from .support import check_axe, fresh_totp_code, log_in, save_screenshot

pytestmark = pytest.mark.browser

NOTE = "Ringte familien: de ønsker å komme før skolestart."
# Two minutes before the end of the 30 idle minutes, and a second more.
TO_THE_WARNING = timedelta(minutes=28, seconds=1)


def _log_in_on_this_page(page: Page, user: Any) -> None:
    """The login page the user was sent to (it carries where to return), both steps."""
    secret = totp_secret(user) or enrol_totp(user=user)
    page.get_by_label("Brukernavn").fill(user.username)
    page.get_by_label(re.compile(r"^Passord")).fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    expect(page).to_have_url(re.compile(r"/konto/2fa/authenticate/"))
    page.get_by_label("Engangskode").fill(fresh_totp_code(secret))
    page.get_by_role("button", name="Logg inn").click()


def _move_clocks(page: Page, time_machine: Any, by: timedelta) -> None:
    time_machine.shift(by)
    page.clock.fast_forward(int(by.total_seconds() * 1000))


@pytest.fixture
def travelling(time_machine: Any) -> Any:
    time_machine.move_to(timezone.now(), tick=True)
    return time_machine


def test_a_note_sent_after_the_session_expired_is_restored_after_login_and_saves(
    cast: Any, live_server: Any, log_in_as: Any, travelling: Any
) -> None:
    case = make_matched_case(municipality=cast.bergen, decided_on=timezone.localdate())
    page = log_in_as(cast.bergen_caseworker)
    case_url = f"{live_server.url}/saker/{case.pk}/"
    page.goto(case_url)
    page.get_by_label("Nytt notat").fill(NOTE)
    check_axe(page)

    travelling.shift(timedelta(minutes=31))  # the caseworker was called away
    page.get_by_role("button", name="Lagre notat").click()

    expect(page).to_have_url(re.compile(r"/konto/login/\?next="))
    notice = page.get_by_role("status").filter(has_text="Økten din er utløpt")
    expect(notice).to_contain_text("ikke hadde gjort noe i Bosetting på 30 minutter")
    expect(notice).to_contain_text("Det du skrev i skjemaet, er tatt vare på")
    save_screenshot(page, "okt-utlopt-innlogging")
    check_axe(page)
    assert not Note.objects.exists()

    _log_in_on_this_page(page, cast.bergen_caseworker)
    expect(page).to_have_url(case_url)
    expect(page.get_by_label("Nytt notat")).to_have_value(NOTE)
    expect(page.get_by_text("Det du skrev før økten utløp, er hentet fram igjen.")).to_be_visible()
    save_screenshot(page, "okt-notat-hentet-fram")
    check_axe(page)

    page.get_by_role("button", name="Lagre notat").click()
    expect(page.get_by_text("Notatet er lagret.")).to_be_visible()
    expect(page.locator("article.note")).to_contain_text(NOTE)
    check_axe(page)
    assert list(Note.objects.values_list("text", flat=True)) == [NOTE]


def test_the_warning_comes_two_minutes_before_and_extends_the_session(
    cast: Any, live_server: Any, log_in_as: Any, travelling: Any
) -> None:
    case = make_matched_case(municipality=cast.bergen, decided_on=timezone.localdate())
    page = log_in_as(cast.bergen_caseworker)
    page.clock.install()
    page.goto(f"{live_server.url}/saker/{case.pk}/")
    note = page.get_by_label("Nytt notat")
    note.fill("Halvskrevet notat")
    dialog = page.get_by_role("dialog", name="Forlenge økten?")
    expect(dialog).to_be_hidden()

    _move_clocks(page, travelling, TO_THE_WARNING)

    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text(re.compile(r"Økten din utløper om 1 minutt og \d+ sekunder"))
    extend = dialog.get_by_role("button", name="Forleng økten")
    expect(extend).to_be_focused()
    expect(dialog.get_by_role("button", name="Logg ut")).to_be_visible()
    save_screenshot(page, "okt-forlenge")
    check_axe(page)

    # Escape: the user is there, so the session is extended and focus goes back to the note.
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(note).to_be_focused()

    _move_clocks(page, travelling, TO_THE_WARNING)
    expect(dialog).to_be_visible()
    extend.click()
    expect(dialog).to_be_hidden()
    check_axe(page)

    # Extended twice: 56 minutes after the page was loaded the session is still alive.
    travelling.shift(timedelta(minutes=3))
    page.reload()
    expect(page.get_by_label("Nytt notat")).to_be_visible()


def test_near_the_two_hour_limit_the_dialog_says_it_cannot_extend(
    cast: Any, live_server: Any, log_in_as: Any, travelling: Any, settings: Any
) -> None:
    # The 120 minutes made short, so that they come before the idle limit in this test.
    settings.SESSION_ABSOLUTE_TIMEOUT = timedelta(minutes=10)
    page = log_in_as(cast.bergen_caseworker)
    page.clock.install()
    page.goto(f"{live_server.url}/")
    dialog = page.get_by_role("dialog", name="Forlenge økten?")

    _move_clocks(page, travelling, timedelta(minutes=8, seconds=1))

    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("den kan ikke forlenges")
    expect(dialog).to_contain_text("høyst 10 minutter om gangen")
    expect(dialog.get_by_role("button", name="Forleng økten")).to_be_hidden()
    expect(dialog.get_by_role("button", name="Lukk")).to_be_focused()
    save_screenshot(page, "okt-kan-ikke-forlenges")
    check_axe(page)

    _move_clocks(page, travelling, timedelta(minutes=2))

    expired = page.get_by_role("dialog", name="Økten din er utløpt")
    expect(expired).to_be_visible()
    expect(expired.get_by_role("link", name="Logg inn på nytt")).to_be_focused()
    save_screenshot(page, "okt-utlopt-dialog")
    check_axe(page)
    expired.get_by_role("link", name="Logg inn på nytt").click()
    expect(page.get_by_role("status").filter(has_text="Økten din er utløpt")).to_contain_text(
        "høyst 10 minutter om gangen"
    )
    check_axe(page)


def test_without_javascript_the_page_works_and_no_dialog_shows(
    cast: Any, live_server: Any, browser: Browser
) -> None:
    case = make_matched_case(municipality=cast.bergen, decided_on=timezone.localdate())
    context = browser.new_context(java_script_enabled=False, locale="nb-NO")
    page = context.new_page()
    try:
        log_in(page, live_server.url, cast.bergen_caseworker)
        page.goto(f"{live_server.url}/saker/{case.pk}/")
        expect(page.get_by_text("Forlenge økten?")).to_be_hidden()
        page.get_by_label("Nytt notat").fill(NOTE)
        page.get_by_role("button", name="Lagre notat").click()
        expect(page.get_by_text("Notatet er lagret.")).to_be_visible()
        # axe runs as a script in the page, so it cannot run here; the same page with scripts
        # is checked in the tests above.
    finally:
        context.close()


def test_a_post_only_address_opened_in_the_browser_answers_a_norwegian_page(
    cast: Any, live_server: Any, log_in_as: Any
) -> None:
    case = make_matched_case(municipality=cast.bergen, decided_on=timezone.localdate())
    page = log_in_as(cast.bergen_caseworker)

    response = page.goto(f"{live_server.url}/saker/{case.pk}/notater/")

    assert response is not None and response.status == 405
    expect(page.get_by_role("heading", level=1)).to_have_text("Siden kan ikke åpnes direkte")
    expect(page.get_by_role("link", name="Til oversikten")).to_be_visible()
    save_screenshot(page, "okt-405")
    check_axe(page)
