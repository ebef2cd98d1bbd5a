"""This app's part of `seed_demo` (demo mode only). Idempotent: running it twice adds nothing.

Requests for last year and this year to every municipality in Vestland and to Oslo, sent with
their letters; most municipalities have approved a decision (above, equal to or below the
request), some acknowledged by IMDi, a few have not answered. Bergen's request this year is sent
and undecided, so a visitor logged in as bergen.saksbehandler can register and approve one.
Every letter is rendered on its own (about 90, a few seconds in all).
"""

from __future__ import annotations

import datetime
import time

from django.core.files.base import ContentFile
from django.core.management.base import OutputWrapper
from django.db.models import Q
from django.utils import timezone

from bosetting.accounts.actions import create_user
from bosetting.accounts.models import User
from bosetting.accounts.roles import Role
from bosetting.core.pdf import render_pdf
from bosetting.letters.models import LetterState
from bosetting.organisations.models import Municipality
from bosetting.planning import actions
from bosetting.planning.actions import RequestNumbers
from bosetting.planning.models import SettlementRequest, SettlementRequestVersion
from bosetting.planning.tasks import render_request_letter

# Larger municipalities get realistic requests; the rest get 10–30 places.
PLACES = {"0301": 600, "4601": 250, "4627": 45, "4624": 35, "4647": 35, "4626": 40, "4621": 30}
COVER_TEXT = (
    "IMDi anmoder med dette kommunen om å bosette flyktninger. Behovet for bosettingsplasser er "
    "fortsatt stort, og vi takker for kommunens innsats.\n"
    "Ta kontakt med IMDis regionkontor hvis dere har spørsmål om anmodningen."
)
# Invented first names for the demo caseworkers of municipalities without demo users.
FIRST_NAMES = ["Eli", "Arne", "Synnøve", "Håkon", "Brita", "Øystein", "Randi", "Kjetil", "Åse"]


def _places(municipality: Municipality, year: int) -> int:
    base = PLACES.get(municipality.number, 10 + int(municipality.number) % 21)
    return base + (year % 3) * (base // 10)  # the years differ a little


def _caseworker(municipality: Municipality) -> User:
    """The municipality's demo caseworker: the named demo user where one exists, else one made here."""
    existing = (
        User.objects.filter(
            organisation=municipality.organisation,
            is_active=True,
            roles__role=Role.MUNICIPAL_CASEWORKER,
        )
        .order_by("pk")
        .first()
    )
    if existing is not None:
        return existing
    username = f"kommune{municipality.number}.saksbehandler"
    return create_user(
        by=None,
        organisation=municipality.organisation,
        username=username,
        email=f"{username}@demo.bosetting.no",
        first_name=FIRST_NAMES[int(municipality.number) % len(FIRST_NAMES)],
        last_name=f"Saksbehandler {municipality.name}",
        roles=[Role.MUNICIPAL_CASEWORKER],
    )


def _council_document(municipality: Municipality, year: int, places: int) -> ContentFile:
    pdf = render_pdf(
        "planning/pdf/demo_council_decision.html",
        {"municipality": municipality, "year": year, "places": places},
    )
    return ContentFile(pdf, name="vedtak.pdf")


def _outcome(index: int, year: int, this_year: int) -> str:
    """What each municipality did: most decided (above, equal, below), some acknowledged."""
    if year < this_year:
        return ["acknowledged", "acknowledged", "acknowledged", "approved"][index % 4]
    return ["approved", "acknowledged", "none", "approved", "acknowledged", "approved"][index % 6]


def seed(*, stdout: OutputWrapper) -> None:
    """Demo users, municipalities and the agreement exist when this runs."""
    started = time.monotonic()
    imdi = User.objects.get(username="imdi.saksbehandler")
    municipalities = list(
        Municipality.objects.filter(Q(county__number="46") | Q(number="0301"))
        .select_related("organisation")
        .order_by("number")
    )
    today = timezone.localdate()
    this_year = today.year
    for year in (this_year - 1, this_year):
        if SettlementRequest.objects.filter(year=year, municipality__number="4601").exists():
            continue
        deadline = (
            datetime.date(year, 3, 1) if year < this_year else today + datetime.timedelta(days=30)
        )
        requests = actions.prepare_requests(
            by=imdi,
            year=year,
            rows=[
                RequestNumbers(
                    municipality=m,
                    places=_places(m, year),
                    unaccompanied_minors=_places(m, year) // 10,
                    planning_number_next_year=_places(m, year) * 4 // 5,
                )
                for m in municipalities
            ],
            deadline=deadline,
            cover_text=COVER_TEXT,
        )
        actions.send_requests(by=imdi, requests=requests)
        # The worker's part done here, so the demo's letters are there without a worker running.
        for pk in SettlementRequestVersion.objects.filter(
            request__in=requests, letter_state=LetterState.PENDING
        ).values_list("pk", flat=True):
            render_request_letter.call(pk)
        for index, request in enumerate(
            SettlementRequest.objects.filter(pk__in=[r.pk for r in requests])
            .select_related("municipality__organisation")
            .order_by("municipality__number")
        ):
            municipality = request.municipality
            outcome = _outcome(index, year, this_year)
            if year == this_year and municipality.number == "4601":
                outcome = "none"  # left for the visitor to try
            if outcome == "none":
                continue
            # Above, equal and below the request in turn.
            places = request.places + [5, 0, -3][index % 3]
            minors = min(request.unaccompanied_minors, places) if index % 4 else 0
            decided_on = (
                datetime.date(year, 2, 10 + index % 15)
                if year < this_year
                else today - datetime.timedelta(days=1 + index % 20)
            )
            decision = actions.save_decision(
                by=_caseworker(municipality),
                request=request,
                places=places,
                takes_unaccompanied_minors=minors > 0,
                unaccompanied_minors=minors,
                council_decided_on=decided_on,
                document=_council_document(municipality, year, places),
                comment="",
                approve=True,
            )
            if outcome == "acknowledged":
                actions.acknowledge_decision(by=imdi, decision=decision)
    stdout.write(
        f"Anmodninger og vedtak for Vestland og Oslo er på plass "
        f"({time.monotonic() - started:.1f} s)."
    )
