"""IMDi prepares, sends, adjusts and reminds about the annual requests."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bosetting.accounts.permissions import Permission
from bosetting.accounts.queries import municipal_caseworkers
from bosetting.audit.actions import record_event
from bosetting.audit.models import EventType
from bosetting.core.counts import counted
from bosetting.letters.models import LetterState
from bosetting.notifications.actions import notify
from bosetting.organisations.models import Municipality

from ..errors import PlanningError
from ..models import SettlementRequest, SettlementRequestVersion
from ..tasks import render_request_letter
from ..transitions import change_request_state, check_request_move
from .common import _d, _require, request_url

if TYPE_CHECKING:
    from bosetting.accounts.models import Actor

# --- IMDi prepares, sends and adjusts requests ------------------------------------------------


@dataclass(frozen=True)
class RequestNumbers:
    """One municipality's row in a preparation: the table or an uploaded file."""

    municipality: Municipality
    places: int
    unaccompanied_minors: int
    planning_number_next_year: int | None
    # From the formula's proposal (requestformula): kept beside the numbers, so that a
    # caseworker's change shows as a deviation. None: the row leaves the draft's as they were.
    formula_places: int | None = None
    formula_minors: int | None = None
    formula_version: int | None = None
    deviation_reason: str | None = None  # None: unchanged


def prepare_requests(
    *,
    by: Actor,
    year: int,
    rows: list[RequestNumbers],
    deadline: datetime.date,
    cover_text: str,
    discard: Iterable[Municipality] = (),
) -> list[SettlementRequest]:
    """Create or update the drafts of `year` for the rows' municipalities, and discard the drafts
    of the municipalities in `discard`; all or nothing.

    Requests already sent are changed by adjustment only, so a row for one is refused. The
    forms refuse a deadline in the past; the action does not, so last year's history can be
    loaded (demo data).
    """
    _require(by, Permission.REQUEST_MANAGE)
    with transaction.atomic():
        existing = {
            request.municipality_id: request
            for request in SettlementRequest.objects.select_for_update().filter(
                year=year, municipality__in=[row.municipality for row in rows]
            )
        }
        saved = []
        for row in rows:
            if row.unaccompanied_minors > row.places:
                raise PlanningError(
                    _("%(municipality)s: enslige mindreårige kan ikke være flere enn antallet.")
                    % {"municipality": row.municipality.name}
                )
            request = existing.get(row.municipality.pk)
            if request is not None and request.state != SettlementRequest.State.DRAFT:
                raise PlanningError(
                    _(
                        "%(municipality)s har allerede fått anmodningen for %(year)s. Juster den i stedet."
                    )
                    % {"municipality": row.municipality.name, "year": year}
                )
            if request is None:
                request = SettlementRequest(year=year, municipality=row.municipality, created_by=by)
            request.places = row.places
            request.unaccompanied_minors = row.unaccompanied_minors
            request.planning_number_next_year = row.planning_number_next_year
            request.deadline = deadline
            request.cover_text = cover_text
            if row.formula_version is not None:
                request.formula_places = row.formula_places
                request.formula_minors = row.formula_minors
                request.formula_version = row.formula_version
                request.deviation_reason = ""
            if row.deviation_reason is not None:
                request.deviation_reason = row.deviation_reason
            if request.deviation == 0:
                request.deviation_reason = ""
            request.save()
            saved.append(request)
        # One year, one deadline and one cover text: every draft of the year follows the latest.
        other_drafts = SettlementRequest.objects.filter(
            year=year, state=SettlementRequest.State.DRAFT
        ).exclude(pk__in=[request.pk for request in saved])
        discarded = sorted(
            other_drafts.filter(municipality__in=list(discard)).values_list(
                "municipality__number", flat=True
            )
        )
        if discarded:
            other_drafts.filter(municipality__number__in=discarded).delete()
        updated = other_drafts.update(deadline=deadline, cover_text=cover_text)
        if not saved and not updated and not discarded:
            raise PlanningError(_("Fyll inn tall for minst én kommune."))
        record_event(
            by=by,
            event_type=EventType.REQUEST_PREPARED,
            summary=_("Utkast til anmodning for %(year)s lagret for %(municipalities)s")
            % {"year": year, "municipalities": counted(len(saved), "kommune")},
            details={
                "year": year,
                "deadline": deadline.isoformat(),
                "requests": {
                    r.municipality.number: [
                        r.places,
                        r.unaccompanied_minors,
                        r.planning_number_next_year,
                    ]
                    for r in saved
                },
                **_formula_details(saved),
                "discarded": discarded,
            },
        )
    return saved


def _formula_details(saved: list[SettlementRequest]) -> dict[str, object]:
    """The formula's numbers and the deviations' reasons, for the drafts that have a proposal."""
    formula = {
        r.municipality.number: [r.formula_version, r.formula_places, r.deviation_reason]
        for r in saved
        if r.formula_version is not None
    }
    return {"formula": formula} if formula else {}


def _new_version(request: SettlementRequest, *, by: Actor, reason: str) -> SettlementRequestVersion:
    """The version as sent; its letter is made by the task worker once this commits (ADR 15)."""
    version = SettlementRequestVersion(
        request=request,
        number=request.version,
        places=request.places,
        unaccompanied_minors=request.unaccompanied_minors,
        planning_number_next_year=request.planning_number_next_year,
        deadline=request.deadline,
        cover_text=request.cover_text,
        reason=reason,
        formula_places=request.formula_places,
        formula_minors=request.formula_minors,
        formula_version=request.formula_version,
        deviation_reason=request.deviation_reason,
        letter_state=LetterState.PENDING,
        created_by=by,
    )
    version.save()
    transaction.on_commit(partial(render_request_letter.enqueue, version.pk))
    return version


def make_request_letter_again(*, by: Actor, version: SettlementRequestVersion) -> None:
    """Ask the task worker again for a letter it could not make; the same version, the same
    numbers, so the municipality gets the letter it was sent."""
    _require(by, Permission.REQUEST_MANAGE)
    with transaction.atomic():
        version = (
            SettlementRequestVersion.objects.select_for_update(of=("self",))
            .select_related("request__municipality")
            .get(pk=version.pk)
        )
        if version.letter_state != LetterState.FAILED:
            raise PlanningError(_("Brevet er ikke feilet, så det lages ikke på nytt."))
        version.letter_state = LetterState.PENDING
        version.save(update_fields=["letter_state"])
        request = version.request
        record_event(
            by=by,
            event_type=EventType.REQUEST_LETTER_MADE_AGAIN,
            summary=_(
                "Anmodningsbrev for %(year)s til %(municipality)s, versjon %(version)s, lages på nytt"
            )
            % {
                "year": request.year,
                "municipality": request.municipality.name,
                "version": version.number,
            },
            obj=version,
            municipality=request.municipality,
        )
        transaction.on_commit(partial(render_request_letter.enqueue, version.pk))


def send_requests(*, by: Actor, requests: Iterable[SettlementRequest]) -> list[SettlementRequest]:
    """Send drafts: each gets version 1 with its letter, and the municipality's caseworkers a notice.

    The letters are made by the task worker after this commits (ADR 15): sending the few hundred
    requests of a year took half a minute in one request when they were rendered here.
    """
    _require(by, Permission.REQUEST_MANAGE)
    with transaction.atomic():
        drafts = list(
            SettlementRequest.objects.select_for_update()
            .filter(pk__in=[request.pk for request in requests])
            .select_related("municipality")
            .order_by("municipality__number")
        )
        if not drafts:
            raise PlanningError(_("Velg minst én anmodning å sende."))
        # Every request is checked before any is sent: one already sent refuses them all.
        for request in drafts:
            check_request_move(request, SettlementRequest.State.SENT)
        caseworkers = municipal_caseworkers(request.municipality_id for request in drafts)
        now = timezone.now()
        for request in drafts:
            change_request_state(
                request=request,
                to=SettlementRequest.State.SENT,
                version=1,
                sent_at=now,
                sent_by=by,
            )
            _new_version(request, by=by, reason="")
            record_event(
                by=by,
                event_type=EventType.REQUEST_SENT,
                summary=_("Anmodning for %(year)s sendt til %(municipality)s: %(places)s")
                % {
                    "year": request.year,
                    "municipality": request.municipality.name,
                    "places": counted(request.places, "flyktning"),
                },
                obj=request,
                municipality=request.municipality,
                details={"places": request.places, "minors": request.unaccompanied_minors},
            )
            notify(
                recipients=caseworkers.get(request.municipality_id, []),
                subject=_("Anmodning om bosetting i %(year)s") % {"year": request.year},
                body=_(
                    "IMDi anmoder %(municipality)s om å bosette %(places)s i %(year)s, "
                    "herav %(minors)s. Svarfrist %(deadline)s."
                )
                % {
                    "municipality": request.municipality.name,
                    "places": counted(request.places, "flyktning"),
                    "year": request.year,
                    "minors": counted(request.unaccompanied_minors, "enslig mindreårig"),
                    "deadline": _d(request.deadline),
                },
                url=request_url(request),
                email=True,
            )
    return drafts


def adjust_request(
    *,
    by: Actor,
    request: SettlementRequest,
    places: int,
    unaccompanied_minors: int,
    planning_number_next_year: int | None,
    deadline: datetime.date,
    reason: str,
) -> SettlementRequestVersion:
    """Change a sent request: a new version with its own letter; the earlier ones are kept."""
    _require(by, Permission.REQUEST_MANAGE)
    with transaction.atomic():
        request = (
            SettlementRequest.objects.select_for_update()
            .select_related("municipality")
            .get(pk=request.pk)
        )
        if request.state == SettlementRequest.State.DRAFT:
            raise PlanningError(_("Anmodningen er ikke sendt ennå. Endre utkastet i stedet."))
        if not reason.strip():
            raise PlanningError(_("Skriv hvorfor anmodningen justeres."), field="reason")
        if unaccompanied_minors > places:
            raise PlanningError(
                _("Enslige mindreårige kan ikke være flere enn antallet."),
                field="unaccompanied_minors",
            )
        before = {
            "places": request.places,
            "unaccompanied_minors": request.unaccompanied_minors,
            "planning_number_next_year": request.planning_number_next_year,
            "deadline": request.deadline,
        }
        after = {
            "places": places,
            "unaccompanied_minors": unaccompanied_minors,
            "planning_number_next_year": planning_number_next_year,
            "deadline": deadline,
        }
        if before == after:
            raise PlanningError(_("Ingen tall eller frister er endret."))
        for name, value in after.items():
            setattr(request, name, value)
        request.version += 1
        request.save()
        version = _new_version(request, by=by, reason=reason.strip())
        record_event(
            by=by,
            event_type=EventType.REQUEST_ADJUSTED,
            summary=_(
                "Anmodning for %(year)s til %(municipality)s justert til %(places)s (versjon %(version)s)"
            )
            % {
                "year": request.year,
                "municipality": request.municipality.name,
                "places": places,
                "version": request.version,
            },
            obj=request,
            municipality=request.municipality,
            details={
                "reason": reason.strip(),
                "before": {k: str(v) for k, v in before.items()},
                "after": {k: str(v) for k, v in after.items()},
            },
        )
        notify(
            recipients=municipal_caseworkers([request.municipality_id]).get(
                request.municipality_id, []
            ),
            subject=_("Anmodningen for %(year)s er justert") % {"year": request.year},
            body=_(
                "IMDi har justert anmodningen til %(places)s, herav %(minors)s. "
                "Svarfrist %(deadline)s. Begrunnelse: %(reason)s"
            )
            % {
                "places": counted(places, "flyktning"),
                "minors": counted(unaccompanied_minors, "enslig mindreårig"),
                "deadline": _d(deadline),
                "reason": reason.strip(),
            },
            url=request_url(request),
            email=True,
        )
    return version


def send_reminders(*, by: Actor, year: int) -> int:
    """Remind every municipality with a sent request for `year` and no approved decision."""
    _require(by, Permission.REQUEST_MANAGE)
    with transaction.atomic():
        requests = list(
            SettlementRequest.objects.select_for_update()
            .filter(year=year, state=SettlementRequest.State.SENT)
            .select_related("municipality")
        )
        _remind(by=by, requests=requests, automatic=False)
    return len(requests)


def send_due_reminders(*, today: datetime.date, days_before: int) -> int:
    """The automatic reminder, `days_before` the deadline: once per request, whenever it runs.

    A request is due from `deadline - days_before` until its deadline, unless it was reminded
    (by hand or by this) on or after that first day; so running daily, or twice a day, reminds
    each municipality once.
    """
    with transaction.atomic():
        candidates = (
            SettlementRequest.objects.select_for_update()
            .filter(
                state=SettlementRequest.State.SENT,
                deadline__gte=today,
                deadline__lte=today + datetime.timedelta(days=days_before),
            )
            .select_related("municipality")
        )
        due = [
            request
            for request in candidates
            if request.last_reminded_at is None
            or timezone.localdate(request.last_reminded_at)
            < request.deadline - datetime.timedelta(days=days_before)
        ]
        _remind(by=None, requests=due, automatic=True)
    return len(due)


def _remind(*, by: Actor, requests: list[SettlementRequest], automatic: bool) -> None:
    caseworkers = municipal_caseworkers(request.municipality_id for request in requests)
    now = timezone.now()
    for request in requests:
        request.last_reminded_at = now
        request.save(update_fields=["last_reminded_at"])
        record_event(
            by=by,
            event_type=EventType.REQUEST_REMINDER_SENT,
            summary=_("Påminnelse om vedtak for %(year)s sendt til %(municipality)s")
            % {"year": request.year, "municipality": request.municipality.name},
            obj=request,
            municipality=request.municipality,
            details={"automatic": automatic},
        )
        notify(
            recipients=caseworkers.get(request.municipality_id, []),
            subject=_("Påminnelse: vedtak om bosetting i %(year)s") % {"year": request.year},
            body=_(
                "IMDi har ikke mottatt kommunens godkjente vedtak om bosetting i %(year)s. "
                "Svarfristen er %(deadline)s."
            )
            % {"year": request.year, "deadline": _d(request.deadline)},
            url=request_url(request),
            email=True,
        )


def record_letter_download(*, by: Actor, version: SettlementRequestVersion) -> None:
    with transaction.atomic():
        request = version.request
        record_event(
            by=by,
            event_type=EventType.REQUEST_LETTER_DOWNLOADED,
            summary=_("Anmodningsbrev for %(year)s, versjon %(version)s, lastet ned")
            % {"year": request.year, "version": version.number},
            obj=version,
            municipality=request.municipality,
        )
