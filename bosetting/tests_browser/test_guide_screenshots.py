"""The guides' screenshots, taken from the demo data in a real browser.

SCREENSHOTS names every picture a guide may show and where it is taken; a guide that names another
fails bosetting/help/tests/test_rendering.py. `make guides` runs this test with
BOSETTING_GUIDES_DIR pointing at the help app's static files, so the committed pictures are made
again from the system as it is; otherwise they go to a temporary folder and the tree stays clean.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Page, expect

from bosetting.accounts.models import User
from bosetting.demo.management.commands.seed_demo import DEMO_PASSWORD

from .support import log_in

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Shot:
    username: str | None  # None: not logged in
    url_name: str
    heading: str  # the page's h1 starts with this: the page is the one meant


SCREENSHOTS = {
    "innlogging": Shot(None, "account_login", "Logg inn"),
    "oversikt-kommune": Shot("bergen.saksbehandler", "home", "Velkommen"),
    "anmodninger-kommune": Shot("bergen.saksbehandler", "planning:request_list", "Anmodninger"),
    "foresporsler-kommune": Shot(
        "bergen.saksbehandler", "distribution:proposal_list", "Forespørsler"
    ),
    "bosettingsdato": Shot("bergen.saksbehandler", "settlement:pending", "Registrer bosetting"),
    "brukere": Shot("bergen.admin", "accounts:user_list", "Brukere"),
    "anmodninger-imdi": Shot("imdi.saksbehandler", "planning:overview", "Anmodninger og vedtak"),
    "fordeling": Shot("imdi.saksbehandler", "distribution:work_list", "Fordeling"),
    "saker-mottak": Shot("mottak.ansatt", "cases:case_list", "Saker"),
}
# Every guide's pictures show a desktop browser, at the width the axe checks use.
SIZE = {"width": 1280, "height": 800}


@pytest.fixture
def demo(settings):
    settings.DEMO_MODE = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", stdout=StringIO())


def _target(tmp_path: Path) -> Path:
    directory = os.environ.get("BOSETTING_GUIDES_DIR")
    return Path(directory) if directory else tmp_path


def test_the_guides_screenshots_are_made_from_the_demo(page: Page, live_server, demo, tmp_path):
    target = _target(tmp_path)
    target.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(SIZE)
    logged_in_as: str | None = None
    # Grouped by user: one login each.
    for name, shot in sorted(SCREENSHOTS.items(), key=lambda item: item[1].username or ""):
        if shot.username != logged_in_as:
            page.context.clear_cookies()
            if shot.username is not None:
                user = User.objects.get(username=shot.username)
                log_in(page, live_server.url, user, password=DEMO_PASSWORD)
            logged_in_as = shot.username
        page.goto(live_server.url + reverse(shot.url_name))
        expect(page.get_by_role("heading", level=1)).to_contain_text(shot.heading)
        path = target / f"{name}.png"
        page.screenshot(path=str(path))
        assert path.stat().st_size > 0
