"""Writes to proposals and their answers. Each checks the transition, changes rows and audits in
one transaction; the other side (municipality or IMDi) is notified from inside it.

Settlement decisions and their letters are in `decisions.py`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from bosetting.accounts.permissions import AccessDenied, Permission, denial_reason
from bosetting.audit.actions import record_event
from bosetting.audit.models import EventType
from bosetting.cases.models import Case, CaseState, Category, Person
from bosetting.cases.transitions import change_case_state
from bosetting.notifications.actions import notify
from bosetting.organisations.models import Municipality
from bosetting.planning.actions import imdi_caseworkers, municipal_caseworkers

from .models import Proposal, ProposedCase
from .queries import LIVE_ANSWERS, current_decision, free_places, persons_in_proposal


class DistributionError(ValueError):
    """A refused change, with a message the user is shown, and the form field it concerns if any."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _require(by: Any, permission: Permission, municipality: Municipality | None = None) -> None:
    """`by=None` is the system itself (the expiry command, demo data), which may do anything."""
    if by is None:
        return
    reason = denial_reason(by, permission, municipality=municipality)
    if reason is not None:
        raise AccessDenied(reason)


def _d(value: datetime.date) -> str:
    return date_format(value, "d.m.Y")


def _user_label(user: Any) -> str:
    if user is None:
        return _("systemet")
    return user.get_full_name() or user.username


def proposal_url(proposal: Proposal) -> str:
    return reverse("distribution:proposal_detail", kwargs={"pk": proposal.pk})


def answer_url(proposal: Proposal) -> str:
    return reverse("distribution:answer", kwargs={"pk": proposal.pk})


def _case_to_ready(by: Any, case: Case, reason: str) -> None:
    case.municipality = None
    change_case_state(by=by, case=case, to=CaseState.READY, reason=reason)


# --- IMDi builds and sends -------------------------------------------------------------------


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


def _add(by: Any, proposal: Proposal, cases: list[Case]) -> list[ProposedCase]:
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
    by: Any,
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
            summary=_("%(proposal)s til %(municipality)s opprettet med %(count)s saker")
            % {
                "proposal": proposal.reference,
                "municipality": municipality.name,
                "count": len(added),
            },
            obj=proposal,
            municipality=municipality,
            details={"cases": [p.case_id for p in added], "deadline": deadline.isoformat()},
        )
    return proposal


def add_cases(*, by: Any, proposal: Proposal, cases: Iterable[Case]) -> list[ProposedCase]:
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
            summary=_("%(count)s saker lagt til i %(proposal)s")
            % {"count": len(added), "proposal": proposal.reference},
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
                body=_("IMDi har lagt til %(count)s saker i forespørselen. Svarfrist %(deadline)s.")
                % {"count": len(added), "deadline": _d(proposal.deadline)},
                url=answer_url(proposal),
            )
    return added


def remove_case(*, by: Any, proposed_case: ProposedCase) -> None:
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


def send_proposal(*, by: Any, proposal: Proposal, confirm_over_capacity: bool = False) -> Proposal:
    """Send a draft: its cases become proposed, and the municipality's caseworkers are notified.

    The notice and its e-mail say how many cases and the deadline, never who: identity stays
    with IMDi until the municipality has said yes and IMDi has decided."""
    _require(by, Permission.PROPOSAL_MANAGE)
    with transaction.atomic():
        proposal = (
            Proposal.objects.select_for_update().select_related("municipality").get(pk=proposal.pk)
        )
        if proposal.state != Proposal.State.DRAFT:
            raise DistributionError(_("Forespørselen er allerede sendt."))
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
        proposal.state = Proposal.State.SENT
        proposal.sent_at = timezone.now()
        proposal.sent_by = by
        proposal.save(update_fields=["state", "sent_at", "sent_by"])
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
                "IMDi spør om %(municipality)s kan bosette %(count)s saker. Se de anonymiserte "
                "sammendragene og svar ja eller nei per sak innen %(deadline)s."
            )
            % {
                "municipality": proposal.municipality.name,
                "count": len(proposed),
                "deadline": _d(proposal.deadline),
            },
            url=answer_url(proposal),
        )
    return proposal


def _close_if_done(by: Any, proposal: Proposal) -> None:
    """Answered when no case waits for an answer; withdrawn when IMDi withdrew every case."""
    answers = set(ProposedCase.objects.filter(proposal=proposal).values_list("answer", flat=True))
    if ProposedCase.Answer.PENDING in answers:
        return
    now = timezone.now()
    if answers == {ProposedCase.Answer.WITHDRAWN}:
        proposal.state = Proposal.State.WITHDRAWN
        proposal.closed_at = now
        proposal.save(update_fields=["state", "closed_at"])
        return
    proposal.state = Proposal.State.ANSWERED
    proposal.answered_at = proposal.closed_at = now
    proposal.save(update_fields=["state", "answered_at", "closed_at"])
    record_event(
        by=by,
        event_type=EventType.PROPOSAL_ANSWERED,
        summary=_("%(proposal)s fra %(municipality)s er besvart")
        % {"proposal": proposal.reference, "municipality": proposal.municipality.name},
        obj=proposal,
        municipality=proposal.municipality,
        details={"accepted_any": ProposedCase.Answer.ACCEPTED in answers},
    )
    notify(
        recipients=imdi_caseworkers(),
        subject=_("%(municipality)s har svart på %(proposal)s")
        % {"municipality": proposal.municipality.name, "proposal": proposal.reference},
        body=_(
            "Alle sakene i forespørselen er besvart. Saker med ja venter på vedtak om bosettingskommune."
        ),
        url=proposal_url(proposal),
    )


def withdraw_case(*, by: Any, proposed_case: ProposedCase, reason: str) -> ProposedCase:
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


# --- The municipality answers ----------------------------------------------------------------


def answer_case(
    *,
    by: Any,
    proposed_case: ProposedCase,
    accept: bool,
    reason: str = "",
    comment: str = "",
) -> ProposedCase:
    """Yes or no to one case. A conditional UPDATE decides: of two caseworkers answering at once
    exactly one changes the row, the other is told who answered first; the same form sent twice
    changes nothing."""
    proposal = proposed_case.proposal
    _require(by, Permission.PROPOSAL_ANSWER, municipality=proposal.municipality)
    if not accept:
        if not reason:
            raise DistributionError(_("Velg en begrunnelse når dere svarer nei."), field="reason")
        if reason == ProposedCase.DeclineReason.OTHER and not comment.strip():
            raise DistributionError(_("Skriv hvilken annen grunn det er."), field="comment")
    today = timezone.localdate()
    with transaction.atomic():
        # The proposal's lock orders answers to its cases, so exactly one answer closes it.
        proposal = (
            Proposal.objects.select_for_update().select_related("municipality").get(pk=proposal.pk)
        )
        answer = ProposedCase.Answer.ACCEPTED if accept else ProposedCase.Answer.DECLINED
        updated = ProposedCase.objects.filter(
            pk=proposed_case.pk,
            answer=ProposedCase.Answer.PENDING,
            proposal__state=Proposal.State.SENT,
            proposal__deadline__gte=today,
        ).update(
            answer=answer,
            decline_reason="" if accept else reason,
            decline_comment="" if accept else comment.strip(),
            answered_at=timezone.now(),
            answered_by=by,
        )
        current = ProposedCase.objects.select_related("answered_by", "case").get(
            pk=proposed_case.pk
        )
        if not updated:
            raise DistributionError(_refusal(current, proposal, today))
        if not accept:
            case = Case.objects.select_for_update().get(pk=current.case_id)
            _case_to_ready(
                by, case, _("kommunen svarte nei i %(proposal)s") % {"proposal": proposal.reference}
            )
        record_event(
            by=by,
            event_type=EventType.PROPOSAL_CASE_ANSWERED,
            summary=_("%(municipality)s svarte %(answer)s på sak %(case)s i %(proposal)s")
            % {
                "municipality": proposal.municipality.name,
                "answer": current.get_answer_display().lower(),
                "case": current.case.reference,
                "proposal": proposal.reference,
            },
            obj=proposal,
            municipality=proposal.municipality,
            details={"case": current.case_id, "answer": answer, "reason": current.decline_reason},
        )
        _close_if_done(by, proposal)
    return current


def _refusal(current: ProposedCase, proposal: Proposal, today: datetime.date) -> str:
    if current.answer == ProposedCase.Answer.WITHDRAWN:
        return _("IMDi har trukket saken tilbake. Den skal ikke besvares.")
    if current.answer == ProposedCase.Answer.EXPIRED or proposal.deadline < today:
        return _("Svarfristen %(deadline)s er ute.") % {"deadline": _d(proposal.deadline)}
    if current.answer != ProposedCase.Answer.PENDING and current.answered_at is not None:
        when = timezone.localtime(current.answered_at)
        return _("Saken er allerede besvart av %(name)s kl. %(time)s (svar: %(answer)s).") % {
            "name": _user_label(current.answered_by),
            "time": when.strftime("%H:%M"),
            "answer": current.get_answer_display().lower(),
        }
    return _("Forespørselen er ikke åpen for svar.")


# --- Deadlines: reminder the day before, expiry after -----------------------------------------


def send_due_reminders(*, today: datetime.date) -> int:
    """Remind each sent proposal's municipality once, the day before its deadline."""
    count = 0
    due = Proposal.objects.filter(
        state=Proposal.State.SENT, deadline=today + datetime.timedelta(days=1), reminded_at=None
    ).select_related("municipality")
    for proposal in due:
        with transaction.atomic():
            # The conditional update makes two overlapping runs remind once.
            if not Proposal.objects.filter(pk=proposal.pk, reminded_at=None).update(
                reminded_at=timezone.now()
            ):
                continue
            pending = ProposedCase.objects.filter(
                proposal=proposal, answer=ProposedCase.Answer.PENDING
            ).count()
            record_event(
                by=None,
                event_type=EventType.PROPOSAL_REMINDER_SENT,
                summary=_("Påminnelse om %(proposal)s sendt til %(municipality)s")
                % {"proposal": proposal.reference, "municipality": proposal.municipality.name},
                obj=proposal,
                municipality=proposal.municipality,
            )
            notify(
                recipients=municipal_caseworkers([proposal.municipality_id])[
                    proposal.municipality_id
                ],
                subject=_("Påminnelse: svarfrist for %(proposal)s er i morgen")
                % {"proposal": proposal.reference},
                body=_("%(count)s saker venter på svar innen %(deadline)s.")
                % {"count": pending, "deadline": _d(proposal.deadline)},
                url=answer_url(proposal),
            )
            count += 1
    return count


def expire_due_proposals(*, today: datetime.date) -> int:
    """After the deadline: unanswered cases expire and go back to ready, the proposal expires."""
    count = 0
    due = Proposal.objects.filter(state=Proposal.State.SENT, deadline__lt=today).values_list(
        "pk", flat=True
    )
    for pk in list(due):
        with transaction.atomic():
            proposal = (
                Proposal.objects.select_for_update().select_related("municipality").get(pk=pk)
            )
            if proposal.state != Proposal.State.SENT:
                continue  # another run got here first
            pending = list(
                ProposedCase.objects.filter(proposal=proposal, answer=ProposedCase.Answer.PENDING)
            )
            ProposedCase.objects.filter(pk__in=[p.pk for p in pending]).update(
                answer=ProposedCase.Answer.EXPIRED
            )
            for case in Case.objects.select_for_update().filter(
                pk__in=[p.case_id for p in pending]
            ):
                _case_to_ready(
                    None,
                    case,
                    _("svarfristen for %(proposal)s gikk ut") % {"proposal": proposal.reference},
                )
            proposal.state = Proposal.State.EXPIRED
            proposal.closed_at = timezone.now()
            proposal.save(update_fields=["state", "closed_at"])
            record_event(
                by=None,
                event_type=EventType.PROPOSAL_EXPIRED,
                summary=_("Svarfristen for %(proposal)s til %(municipality)s gikk ut")
                % {"proposal": proposal.reference, "municipality": proposal.municipality.name},
                obj=proposal,
                municipality=proposal.municipality,
                details={"expired_cases": [p.case_id for p in pending]},
            )
            body = _(
                "Svarfristen %(deadline)s gikk ut. %(count)s saker uten svar er tilbake hos IMDi."
            ) % {"deadline": _d(proposal.deadline), "count": len(pending)}
            subject = _("%(proposal)s til %(municipality)s er utløpt") % {
                "proposal": proposal.reference,
                "municipality": proposal.municipality.name,
            }
            notify(
                recipients=imdi_caseworkers(),
                subject=subject,
                body=body,
                url=proposal_url(proposal),
            )
            notify(
                recipients=municipal_caseworkers([proposal.municipality_id])[
                    proposal.municipality_id
                ],
                subject=subject,
                body=body,
                url=answer_url(proposal),
            )
            count += 1
    return count
