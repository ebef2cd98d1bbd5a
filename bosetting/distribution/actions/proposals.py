"""IMDi builds a proposal, sends it, and adds, removes or withdraws its cases."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bosetting.accounts.permissions import Permission
from bosetting.audit.actions import record_event
from bosetting.audit.models import EventType
from bosetting.cases.models import Case, CaseState, Category, Person
from bosetting.cases.transitions import change_case_state
from bosetting.core.counts import counted
from bosetting.notifications.actions import notify
from bosetting.organisations.models import Municipality
from bosetting.planning.actions import municipal_caseworkers

from ..errors import DistributionError
from ..models import Proposal, ProposedCase
from ..queries import LIVE_ANSWERS, current_decision, free_places, persons_in_proposal
from ..transitions import change_proposal_state, check_proposal_move
from .common import (
    _case_to_ready,
    _close_if_done,
    _d,
    _require,
    answer_url,
)

if TYPE_CHECKING:
    from bosetting.accounts.models import Actor, User


def _check_minors(municipality: Municipality, cases: list[Case], year: int) -> None:
    """An unaccompanied minor goes only to a municipality whose current decision takes minors."""
    minors = Person.objects.filter(case__in=cases, category=Category.UNACCOMPANIED_MINOR)
    if not minors.exists():
        return
    decision = current_decision(municipality, year)
    if decision is None or not decision.takes_unaccompanied_minors:
        raise DistributionError(
            _(
                "%(municipality)s har ikke vedtak om å ta imot enslige mindreårige i %(year)s. "
                "Saker med enslige mindreårige kan ikke foreslås dit."
            )
            % {"municipality": municipality.name, "year": year},
            field="cases",
        )


def _add(by: Actor, proposal: Proposal, cases: list[Case]) -> list[ProposedCase]:
    locked = list(
        Case.objects.select_for_update().filter(pk__in=[case.pk for case in cases]).order_by("pk")
    )
    if not locked:
        raise DistributionError(_("Velg minst én sak."), field="cases")
    for case in locked:
        if case.state != CaseState.READY:
            raise DistributionError(
                _("Sak %(reference)s er ikke klar for bosetting.") % {"reference": case.reference},
                field="cases",
            )
    live = (
        ProposedCase.objects.filter(case__in=locked, answer__in=LIVE_ANSWERS)
        .select_related("proposal", "case")
        .first()
    )
    if live is not None:
        raise DistributionError(
            _("Sak %(case)s er allerede med i forespørsel %(proposal)s.")
            % {"case": live.case.reference, "proposal": live.proposal.reference},
            field="cases",
        )
    _check_minors(proposal.municipality, locked, proposal.deadline.year)
    try:
        # The constraint is the last word when two of IMDi's caseworkers add the same case.
        with transaction.atomic():
            added = ProposedCase.objects.bulk_create(
                ProposedCase(proposal=proposal, case=case) for case in locked
            )
    except IntegrityError:
        raise DistributionError(
            _("En av sakene ble nettopp lagt i en annen forespørsel. Last siden på nytt."),
            field="cases",
        ) from None
    if proposal.state == Proposal.State.SENT:
        for case in locked:
            change_case_state(by=by, case=case, to=CaseState.PROPOSED, reason=proposal.reference)
    return added


def create_proposal(
    *,
    by: User,
    municipality: Municipality,
    cases: Iterable[Case],
    deadline: datetime.date,
    message: str = "",
) -> Proposal:
    """A draft to `municipality` with `cases`. The forms refuse a deadline in the past; the
    action does not, so the demo can load history."""
    _require(by, Permission.PROPOSAL_MANAGE)
    with transaction.atomic():
        proposal = Proposal.objects.create(
            municipality=municipality, deadline=deadline, message=message, created_by=by
        )
        added = _add(by, proposal, list(cases))
        record_event(
            by=by,
            event_type=EventType.PROPOSAL_CREATED,
            summary=_("%(proposal)s til %(municipality)s opprettet med %(cases)s")
            % {
                "proposal": proposal.reference,
                "municipality": municipality.name,
                "cases": counted(len(added), "sak"),
            },
            obj=proposal,
            municipality=municipality,
            details={"cases": [p.case_id for p in added], "deadline": deadline.isoformat()},
        )
    return proposal


def add_cases(*, by: Actor, proposal: Proposal, cases: Iterable[Case]) -> list[ProposedCase]:
    """Add ready cases to a draft, or to a sent proposal (the cases become proposed at once)."""
    _require(by, Permission.PROPOSAL_MANAGE)
    with transaction.atomic():
        proposal = (
            Proposal.objects.select_for_update().select_related("municipality").get(pk=proposal.pk)
        )
        if proposal.state not in (Proposal.State.DRAFT, Proposal.State.SENT):
            raise DistributionError(_("Forespørselen er avsluttet. Lag en ny."), field="cases")
        added = _add(by, proposal, list(cases))
        record_event(
            by=by,
            event_type=EventType.PROPOSAL_CHANGED,
            summary=_("%(cases)s lagt til i %(proposal)s")
            % {"cases": counted(len(added), "sak"), "proposal": proposal.reference},
            obj=proposal,
            municipality=proposal.municipality,
            details={"added": [p.case_id for p in added]},
        )
        if proposal.state == Proposal.State.SENT:
            notify(
                recipients=municipal_caseworkers([proposal.municipality_id])[
                    proposal.municipality_id
                ],
                subject=_("Nye saker i forespørsel %(proposal)s")
                % {"proposal": proposal.reference},
                body=_("IMDi har lagt til %(cases)s i forespørselen. Svarfrist %(deadline)s.")
                % {"cases": counted(len(added), "sak"), "deadline": _d(proposal.deadline)},
                url=answer_url(proposal),
            )
    return added


def remove_case(*, by: Actor, proposed_case: ProposedCase) -> None:
    """Take a case out of a draft. The row stays, marked withdrawn, so the draft's history shows it."""
    _require(by, Permission.PROPOSAL_MANAGE)
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposed_case.proposal_id)
        if proposal.state != Proposal.State.DRAFT:
            raise DistributionError(
                _("Fra en sendt forespørsel trekkes saker tilbake med begrunnelse.")
            )
        if not ProposedCase.objects.filter(
            pk=proposed_case.pk, answer=ProposedCase.Answer.PENDING
        ).update(answer=ProposedCase.Answer.WITHDRAWN, answered_at=timezone.now(), answered_by=by):
            raise DistributionError(_("Saken er allerede fjernet fra utkastet."))
        record_event(
            by=by,
            event_type=EventType.PROPOSAL_CHANGED,
            summary=_("Sak fjernet fra utkastet %(proposal)s") % {"proposal": proposal.reference},
            obj=proposal,
            municipality=proposal.municipality,
            details={"removed": [proposed_case.case_id]},
        )


def capacity_warning(proposal: Proposal) -> str:
    """A sentence when the proposal's persons exceed the municipality's free places, else ''."""
    persons = persons_in_proposal(proposal)
    row = free_places(proposal.municipality, proposal.deadline.year)
    free = row.free if row is not None else 0  # type: ignore[attr-defined]
    if persons <= free:
        return ""
    return _(
        "Forespørselen gjelder %(persons)s personer, men %(municipality)s har bare %(free)s "
        "ledige plasser i %(year)s."
    ) % {
        "persons": persons,
        "municipality": proposal.municipality.name,
        "free": free,
        "year": proposal.deadline.year,
    }


def send_proposal(
    *, by: Actor, proposal: Proposal, confirm_over_capacity: bool = False
) -> Proposal:
    """Send a draft: its cases become proposed, and the municipality's caseworkers are notified.

    The notice and its e-mail say how many cases and the deadline, never who: identity stays
    with IMDi until the municipality has said yes and IMDi has decided."""
    _require(by, Permission.PROPOSAL_MANAGE)
    with transaction.atomic():
        proposal = (
            Proposal.objects.select_for_update().select_related("municipality").get(pk=proposal.pk)
        )
        check_proposal_move(proposal, Proposal.State.SENT)
        proposed = list(
            ProposedCase.objects.filter(proposal=proposal, answer=ProposedCase.Answer.PENDING)
            .select_related("case")
            .order_by("pk")
        )
        if not proposed:
            raise DistributionError(_("Legg til minst én sak før du sender."), field="cases")
        _check_minors(proposal.municipality, [p.case for p in proposed], proposal.deadline.year)
        warning = capacity_warning(proposal)
        if warning and not confirm_over_capacity:
            raise DistributionError(
                warning + " " + _("Bekreft at du vil sende likevel."), field="confirm_over_capacity"
            )
        for item in Case.objects.select_for_update().filter(pk__in=[p.case_id for p in proposed]):
            change_case_state(by=by, case=item, to=CaseState.PROPOSED, reason=proposal.reference)
        change_proposal_state(
            proposal=proposal, to=Proposal.State.SENT, sent_at=timezone.now(), sent_by=by
        )
        record_event(
            by=by,
            event_type=EventType.PROPOSAL_SENT,
            summary=_("%(proposal)s sendt til %(municipality)s, svarfrist %(deadline)s")
            % {
                "proposal": proposal.reference,
                "municipality": proposal.municipality.name,
                "deadline": _d(proposal.deadline),
            },
            obj=proposal,
            municipality=proposal.municipality,
            details={"cases": [p.case_id for p in proposed], "over_capacity": bool(warning)},
        )
        notify(
            recipients=municipal_caseworkers([proposal.municipality_id])[proposal.municipality_id],
            subject=_("Ny forespørsel om bosetting fra IMDi (%(proposal)s)")
            % {"proposal": proposal.reference},
            body=_(
                "IMDi spør om %(municipality)s kan bosette %(cases)s. Se de anonymiserte "
                "sammendragene og svar ja eller nei per sak innen %(deadline)s."
            )
            % {
                "municipality": proposal.municipality.name,
                "cases": counted(len(proposed), "sak"),
                "deadline": _d(proposal.deadline),
            },
            url=answer_url(proposal),
        )
    return proposal


def withdraw_case(*, by: Actor, proposed_case: ProposedCase, reason: str) -> ProposedCase:
    """IMDi takes a case out of a sent proposal: the case is ready again, the municipality told."""
    _require(by, Permission.PROPOSAL_MANAGE)
    if not reason.strip():
        raise DistributionError(_("Skriv hvorfor saken trekkes tilbake."), field="reason")
    with transaction.atomic():
        proposal = (
            Proposal.objects.select_for_update()
            .select_related("municipality")
            .get(pk=proposed_case.proposal_id)
        )
        if proposal.state != Proposal.State.SENT:
            raise DistributionError(_("Bare saker i en sendt forespørsel kan trekkes tilbake."))
        updated = ProposedCase.objects.filter(
            pk=proposed_case.pk, answer=ProposedCase.Answer.PENDING
        ).update(answer=ProposedCase.Answer.WITHDRAWN, answered_at=timezone.now(), answered_by=by)
        if not updated:
            raise DistributionError(_("Kommunen har allerede svart på saken."))
        proposed_case.refresh_from_db()
        case = Case.objects.select_for_update().get(pk=proposed_case.case_id)
        _case_to_ready(by, case, _("trukket fra %(proposal)s") % {"proposal": proposal.reference})
        record_event(
            by=by,
            event_type=EventType.PROPOSAL_CASE_WITHDRAWN,
            summary=_("Sak %(case)s trukket fra %(proposal)s")
            % {"case": case.reference, "proposal": proposal.reference},
            obj=proposal,
            municipality=proposal.municipality,
            details={"case": case.pk, "reason": reason},
            case_reference=case.reference,
        )
        notify(
            recipients=municipal_caseworkers([proposal.municipality_id])[proposal.municipality_id],
            subject=_("IMDi har trukket en sak fra %(proposal)s")
            % {"proposal": proposal.reference},
            body=_("Sak %(case)s er trukket tilbake og skal ikke besvares. Begrunnelse: %(reason)s")
            % {"case": case.reference, "reason": reason},
            url=answer_url(proposal),
        )
        _close_if_done(by, proposal)
    return proposed_case
