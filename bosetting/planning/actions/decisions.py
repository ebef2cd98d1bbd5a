"""The municipality registers and approves its council's decision; IMDi acknowledges it."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bosetting.accounts.permissions import Permission
from bosetting.accounts.queries import imdi_caseworkers, municipal_caseworkers
from bosetting.audit.actions import record_event
from bosetting.audit.models import EventType
from bosetting.core.counts import counted
from bosetting.notifications.actions import notify

from ..errors import PlanningError
from ..models import MunicipalDecision, SettlementRequest
from ..transitions import change_decision_state, change_request_state, check_decision_move
from .common import _require, request_url

if TYPE_CHECKING:
    from bosetting.accounts.models import Actor

# --- The municipality decides; IMDi acknowledges ---------------------------------------------


def save_decision(
    *,
    by: Actor,
    request: SettlementRequest,
    places: int,
    takes_unaccompanied_minors: bool,
    unaccompanied_minors: int,
    council_decided_on: datetime.date,
    document: File | None,
    comment: str,
    approve: bool = False,
    for_review: bool = False,
) -> MunicipalDecision:
    """Save the municipality's draft decision (the one draft, created or updated); with
    `approve`, approve it at once and send it to IMDi. With `for_review`, save nothing unless
    the draft could be approved as saved: it is to be shown for review before approval."""
    _require(by, Permission.DECISION_REGISTER, request.municipality)
    with transaction.atomic():
        request = (
            SettlementRequest.objects.select_for_update()
            .select_related("municipality")
            .get(pk=request.pk)
        )
        if request.state == SettlementRequest.State.DRAFT:
            raise PlanningError(_("Anmodningen er ikke sendt til kommunen."))
        if takes_unaccompanied_minors and unaccompanied_minors <= 0:
            raise PlanningError(
                _("Skriv hvor mange enslige mindreårige kommunen tar imot."),
                field="unaccompanied_minors",
            )
        if not takes_unaccompanied_minors and unaccompanied_minors != 0:
            raise PlanningError(
                _("Når kommunen ikke tar imot enslige mindreårige, skal antallet være 0."),
                field="unaccompanied_minors",
            )
        if unaccompanied_minors > places:
            raise PlanningError(
                _("Enslige mindreårige kan ikke være flere enn antallet flyktninger."),
                field="unaccompanied_minors",
            )
        if council_decided_on > timezone.localdate():
            raise PlanningError(
                _("Datoen for kommunestyrets vedtak kan ikke være i fremtiden."),
                field="council_decided_on",
            )
        decision = request.decisions.filter(state=MunicipalDecision.State.DRAFT).first()
        if decision is None:
            decision = MunicipalDecision(request=request, registered_by=by)
        decision.places = places
        decision.takes_unaccompanied_minors = takes_unaccompanied_minors
        decision.unaccompanied_minors = unaccompanied_minors
        decision.council_decided_on = council_decided_on
        decision.comment = comment
        if document is not None:
            decision.document.save(
                f"vedtak-{request.year}-{request.municipality.number}.pdf", document, save=False
            )
        decision.save()
        record_event(
            by=by,
            event_type=EventType.DECISION_DRAFT_SAVED,
            summary=_("Utkast til vedtak for %(year)s lagret: %(places)s")
            % {"year": request.year, "places": counted(places, "flyktning")},
            obj=decision,
            municipality=request.municipality,
        )
        if approve:
            _approve(by=by, decision=decision, request=request)
        elif for_review:
            check_approvable(decision)
    return decision


def approve_decision(*, by: Actor, decision: MunicipalDecision) -> MunicipalDecision:
    """Approve the draft: it becomes the current decision, replacing any earlier one."""
    _require(by, Permission.DECISION_REGISTER, decision.request.municipality)
    with transaction.atomic():
        request = (
            SettlementRequest.objects.select_for_update()
            .select_related("municipality")
            .get(pk=decision.request_id)
        )
        decision = MunicipalDecision.objects.get(pk=decision.pk)
        _approve(by=by, decision=decision, request=request)
    return decision


def check_approvable(decision: MunicipalDecision) -> None:
    """Refuse with a PlanningError what `approve_decision` would refuse: for the review page,
    which must not ask to send in a decision that cannot be approved."""
    # The state first: a decision already approved is refused as such, document or not.
    check_decision_move(decision, MunicipalDecision.State.APPROVED)
    if not decision.document:
        raise PlanningError(
            _("Last opp kommunestyrets vedtak som PDF før du godkjenner."), field="document"
        )


def _approve(*, by: Actor, decision: MunicipalDecision, request: SettlementRequest) -> None:
    check_approvable(decision)
    replaced = list(
        request.decisions.filter(
            state__in=[MunicipalDecision.State.APPROVED, MunicipalDecision.State.ACKNOWLEDGED]
        )
    )
    for earlier in replaced:
        change_decision_state(decision=earlier, to=MunicipalDecision.State.REPLACED)
    change_decision_state(
        decision=decision,
        to=MunicipalDecision.State.APPROVED,
        approved_at=timezone.now(),
        approved_by=by,
    )
    change_request_state(request=request, to=SettlementRequest.State.DECIDED)
    record_event(
        by=by,
        event_type=EventType.DECISION_APPROVED,
        summary=_("%(municipality)s godkjente vedtak for %(year)s: %(places)s")
        % {
            "municipality": request.municipality.name,
            "year": request.year,
            "places": counted(decision.places, "flyktning"),
        },
        obj=decision,
        municipality=request.municipality,
        details={
            "places": decision.places,
            "minors": decision.unaccompanied_minors,
            "requested": request.places,
            "replaces": [earlier.pk for earlier in replaced],
        },
    )
    notify(
        recipients=imdi_caseworkers(),
        subject=_("Vedtak fra %(municipality)s for %(year)s")
        % {"municipality": request.municipality.name, "year": request.year},
        body=_(
            "%(municipality)s har vedtatt å bosette %(places)s i %(year)s, herav "
            "%(minors)s. IMDi anmodet om %(requested)s."
        )
        % {
            "municipality": request.municipality.name,
            "places": counted(decision.places, "flyktning"),
            "year": request.year,
            "minors": counted(decision.unaccompanied_minors, "enslig mindreårig"),
            "requested": request.places,
        },
        url=request_url(request),
        email=True,
    )


def acknowledge_decision(*, by: Actor, decision: MunicipalDecision) -> MunicipalDecision:
    """IMDi confirms it has received the municipality's current decision."""
    _require(by, Permission.REQUEST_MANAGE)
    with transaction.atomic():
        decision = (
            MunicipalDecision.objects.select_for_update()
            .select_related("request__municipality")
            .get(pk=decision.pk)
        )
        change_decision_state(
            decision=decision,
            to=MunicipalDecision.State.ACKNOWLEDGED,
            acknowledged_at=timezone.now(),
            acknowledged_by=by,
        )
        request = decision.request
        change_request_state(request=request, to=SettlementRequest.State.ACKNOWLEDGED)
        record_event(
            by=by,
            event_type=EventType.DECISION_ACKNOWLEDGED,
            summary=_("IMDi kvitterte ut vedtaket fra %(municipality)s for %(year)s")
            % {"municipality": request.municipality.name, "year": request.year},
            obj=decision,
            municipality=request.municipality,
        )
        notify(
            recipients=municipal_caseworkers([request.municipality_id]).get(
                request.municipality_id, []
            ),
            subject=_("IMDi har mottatt vedtaket for %(year)s") % {"year": request.year},
            body=_("IMDi har kvittert ut kommunens vedtak om å bosette %(places)s.")
            % {"places": counted(decision.places, "flyktning")},
            url=request_url(request),
            email=False,
        )
    return decision
