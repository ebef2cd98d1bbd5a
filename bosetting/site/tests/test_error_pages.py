"""Every error page is Norwegian with debug off, as users see them: Django's own are English
(«Server Error (500)», «Bad Request (400)», «CSRF verification failed»)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import SuspiciousOperation
from django.test import Client, RequestFactory
from django.views.csrf import csrf_failure
from django.views.defaults import bad_request, server_error

from bosetting.conftest import log_in

pytestmark = pytest.mark.django_db


def _page(response: Any) -> str:
    return response.content.decode()


def test_the_404_page_is_norwegian(client_for: Any, cast: Any) -> None:
    response = client_for(cast.bergen_caseworker).get("/finnes-ikke/")
    assert response.status_code == 404
    assert "Fant ikke siden" in _page(response)


def test_the_500_page_is_norwegian_and_needs_no_request_context() -> None:
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    page = _page(response)
    assert '<html lang="nb"' in page
    assert "Noe gikk galt" in page
    assert "Server Error" not in page


def test_the_400_page_is_norwegian() -> None:
    response = bad_request(RequestFactory().get("/"), SuspiciousOperation("x"))
    assert response.status_code == 400
    assert "Forespørselen kunne ikke behandles" in _page(response)
    assert "Bad Request" not in _page(response)


def test_a_form_posted_without_a_valid_token_gets_a_norwegian_page(cast: Any) -> None:
    client = log_in(Client(enforce_csrf_checks=True), cast.bergen_caseworker)
    response = client.post("/varsler/alle-lest/")
    assert response.status_code == 403
    page = _page(response)
    assert "Skjemaet kunne ikke sendes" in page
    assert "CSRF verification failed" not in page


def test_the_csrf_page_renders_for_a_visitor_not_logged_in() -> None:
    response = csrf_failure(RequestFactory().post("/"), reason="x")
    assert response.status_code == 403
    assert "Skjemaet kunne ikke sendes" in _page(response)
