"""Requests and decisions made through the actions, as the screens make them."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from bosetting.letters.models import LetterState
from bosetting.planning import actions
from bosetting.planning.actions import RequestNumbers
from bosetting.planning.models import SettlementRequest, SettlementRequestVersion
from bosetting.planning.tasks import render_request_letter

from .factories import MINIMAL_PDF


def pdf_upload(name: str = "vedtak.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, MINIMAL_PDF, content_type="application/pdf")


def deadline() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=30)


def prepare(
    cast: Any, municipality: Any, places: int = 250, minors: int = 20, *, year: int | None = None
) -> SettlementRequest:
    [request] = actions.prepare_requests(
        by=cast.imdi_caseworker,
        year=year or timezone.localdate().year,
        rows=[RequestNumbers(municipality, places, minors, places - 50 if places > 50 else None)],
        deadline=deadline(),
        cover_text="Vi ber kommunen bosette flyktninger.\nTakk for godt samarbeid.",
    )
    return request


def send(
    cast: Any, municipality: Any, places: int = 250, minors: int = 20, *, year: int | None = None
) -> SettlementRequest:
    request = prepare(cast, municipality, places, minors, year=year)
    actions.send_requests(by=cast.imdi_caseworker, requests=[request])
    make_letters()
    request.refresh_from_db()
    return request


def make_letters() -> None:
    """What the task worker does once a sending commits (ADR 15), for the tests that run inside
    one transaction, where nothing commits: the task itself, called in the test."""
    pending = SettlementRequestVersion.objects.filter(letter_state=LetterState.PENDING)
    for pk in pending.values_list("pk", flat=True):
        render_request_letter.call(pk)


def decide(
    cast: Any,
    request: SettlementRequest,
    places: int = 250,
    *,
    approve: bool = True,
    by: Any = None,
) -> Any:
    return actions.save_decision(
        by=by or cast.bergen_caseworker,
        request=request,
        places=places,
        takes_unaccompanied_minors=True,
        unaccompanied_minors=10,
        council_decided_on=timezone.localdate(),
        document=pdf_upload(),
        comment="",
        approve=approve,
    )
