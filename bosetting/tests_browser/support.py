"""Helpers for browser tests: the axe check, screenshots and the real login."""

from __future__ import annotations

import os
import re
import time
from io import StringIO
from pathlib import Path
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import Page, expect

from bosetting.accounts.tests.factories import PASSWORD
from bosetting.accounts.totp import TOTP_PERIOD, enrol_totp, totp_code, totp_secret

# WCAG 2.1 AA, which Norwegian law requires of the public sector; axe's best practices are not law.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_axe = Axe()


# Every page is checked as a desktop (1,280 px) and a phone (360 px) shows it.
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}


def check_axe(page: Page) -> None:
    """Fail the test if axe-core finds any WCAG 2.1 A/AA violation on the page as it is now, at
    desktop width and at phone width, or if the page's Content-Security-Policy refused anything;
    the page is left at the width it had."""
    refused = page.evaluate("window.__cspViolations || []")
    assert not refused, f"The Content-Security-Policy refused on {page.url}: {refused}"
    before = page.viewport_size or DESKTOP
    try:
        for size in (DESKTOP, PHONE):
            page.set_viewport_size(size)
            # Colours measured mid-transition (a button fading in as focus moves to it) are neither
            # the old nor the new ones: let running transitions finish first.
            page.evaluate(
                "Promise.all(document.getAnimations()"
                ".filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity)"
                ".map((a) => a.finished))"
            )
            results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
            violations = results.response["violations"]
            assert not violations, _describe(f"{page.url} at {size['width']} px", violations)
    finally:
        page.set_viewport_size(before)


def _describe(url: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"axe found {len(violations)} WCAG violation(s) on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:300]}")
    return "\n".join(lines)


def save_screenshot(page: Page, name: str) -> Path | None:
    """A full-page PNG in $BOSETTING_SCREENSHOTS (e.g. /tmp/screens), when that is set."""
    directory = os.environ.get("BOSETTING_SCREENSHOTS")
    if not directory:
        return None
    path = Path(directory) / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    return path


def fill_password_step(page: Page, base_url: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{base_url}/konto/login/")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label(re.compile(r"^Passord")).fill(password)
    page.get_by_role("button", name="Logg inn").click()


def fresh_totp_code(secret: str, *, seconds: float = 5) -> str:
    """The current code, valid for at least `seconds` more. A code typed in the last moments of its
    30-second window may reach the server in the next one, where it is refused."""
    left = TOTP_PERIOD - time.time() % TOTP_PERIOD
    if left < seconds:
        time.sleep(left + 0.1)
    return totp_code(secret)


def log_in(page: Page, base_url: str, user: Any, *, password: str = PASSWORD) -> None:
    """The real two-step login. allauth refuses a TOTP code twice, so one login per user per 30 s."""
    secret = totp_secret(user) or enrol_totp(user=user)
    fill_password_step(page, base_url, user.username, password)
    expect(page).to_have_url(re.compile(r"/konto/2fa/authenticate/$"))
    page.get_by_label("Engangskode").fill(fresh_totp_code(secret))
    page.get_by_role("button", name="Logg inn").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Velkommen")


def run_worker() -> None:
    """The task worker (`manage.py db_worker`) through every task waiting, then back: the live
    server's letters and e-mails as production makes them."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=StringIO())
