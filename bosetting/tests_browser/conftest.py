"""Browser tests: Debian's Chromium, driven by Playwright, against pytest-django's live server.

Fixtures for a browser test (mark it `@pytest.mark.browser`):

- `page`: a fresh Playwright page (pytest-playwright), Norwegian locale, Oslo time;
- `live_server`: the app in a thread; `live_server.url` is its address. Requesting it makes the
  test's database transactional, so `cast` and factories work as usual and the server sees them;
- `log_in_as(user)`: the real login (password, then a TOTP code computed from the user's secret;
  TOTP is enrolled first if the user has none) and returns the page on the start page.

Helpers in `bosetting.tests_browser.support`: `check_axe(page)` (at 1,280 px and at 360 px),
`save_screenshot(page, name)`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from .support import log_in

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


# Playwright's sync API keeps an event loop in the test's thread from the first browser test to the
# end of the session; Django then takes every query in that thread for async code and refuses it.
# The tests are synchronous, so the check is switched off for the test process (the production
# checks that run in subprocesses leave the variable out).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright's `browser` is launched with these: Debian's Chromium, headless."""
    if not CHROMIUM.exists():
        pytest.skip(
            f"{CHROMIUM} is missing: install Debian's chromium package to run browser tests"
        )
    return {
        "headless": True,
        **browser_type_launch_args,  # --headed on the command line still wins
        "executable_path": str(CHROMIUM),
        "args": CHROMIUM_ARGS,
    }


# Every page records what its Content-Security-Policy refused; check_axe fails on any of it.
_RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


@pytest.fixture
def page(page: Page) -> Page:
    page.add_init_script(_RECORD_CSP_VIOLATIONS)
    return page


@pytest.fixture(scope="session")
def base_url() -> None:
    """pytest-base-url's own fixture warns under pytest 9 (warnings are errors); tests use
    `live_server.url` instead."""
    return None


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # A Norwegian browser in Oslo, like the users'.
    return {
        **browser_context_args,
        "locale": "nb-NO",
        "timezone_id": "Europe/Oslo",
        "viewport": {"width": 1280, "height": 900},
    }


@pytest.fixture
def log_in_as(page: Page, live_server: Any) -> Callable[[Any], Page]:
    def log_in_user(user: Any) -> Page:
        log_in(page, live_server.url, user)
        return page

    return log_in_user
