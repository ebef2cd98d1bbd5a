"""A person logging in at the test provider, at the HTTP level: what a browser would do between
Bosetting's redirect to the provider and the provider's redirect back."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import requests

HIGH = "idporten-loa-high"
SUBSTANTIAL = "idporten-loa-substantial"


def log_in_at_provider(
    authorize_url: str,
    *,
    pid: str,
    orgno: str,
    acr: str = HIGH,
    name: str = "Kari Nordmann",
    browser: requests.Session | None = None,
) -> str:
    """Fill in the provider's login form; returns the callback address it sends back to."""
    browser = browser or requests.Session()
    response = browser.get(authorize_url, allow_redirects=False, timeout=10)
    interaction = _follow_within_provider(browser, response)
    assert "/interaction/" in interaction.url, interaction.text
    form = {"pid": pid, "name": name, "orgno": orgno, "orgname": "", "acr": acr}
    response = browser.post(interaction.url, data=form, allow_redirects=False, timeout=10)
    return _redirect_out_of_provider(browser, response, authorize_url)


def _follow_within_provider(
    browser: requests.Session, response: requests.Response
) -> requests.Response:
    provider = urlsplit(response.url).netloc
    while response.is_redirect:
        location = urljoin(response.url, response.headers["Location"])
        assert urlsplit(location).netloc == provider, f"sent back early: {location}"
        response = browser.get(location, allow_redirects=False, timeout=10)
    return response


def _redirect_out_of_provider(
    browser: requests.Session, response: requests.Response, authorize_url: str
) -> str:
    provider = urlsplit(authorize_url).netloc
    while response.is_redirect:
        location = urljoin(response.url, response.headers["Location"])
        if urlsplit(location).netloc != provider:
            return location
        response = browser.get(location, allow_redirects=False, timeout=10)
    raise AssertionError(f"the provider did not send the browser back: {response.text[:500]}")


class _FormReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.action = ""
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if tag == "form" and not self.action:
            self.action = values.get("action", "")
        if tag == "input" and values.get("name"):
            self.fields[values["name"]] = values.get("value", "")


def end_session_at_provider(end_session_url: str, browser: requests.Session) -> str:
    """Follow the provider's end-session page (its form submits itself in a browser); returns
    the address it sends back to."""
    response = _follow_within_provider(
        browser, browser.get(end_session_url, allow_redirects=False, timeout=10)
    )
    reader = _FormReader()
    reader.feed(response.text)
    assert reader.action, response.text
    response = browser.post(
        urljoin(response.url, reader.action), data=reader.fields, allow_redirects=False, timeout=10
    )
    return _redirect_out_of_provider(browser, response, end_session_url)


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def with_parameter(url: str, name: str, value: str) -> str:
    """The address with one query parameter's value replaced."""
    return re.sub(rf"([?&]{name}=)[^&]*", rf"\g<1>{value}", url)
