"""The municipality answers a proposal, case by case."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bosetting.accounts.permissions import Permission
from bosetting.audit.actions import record_event
from bosetting.audit.models import EventType
from bosetting.cases.models import Case

from ..errors import DistributionError
from ..models import Proposal, ProposedCase
from .common import _case_to_ready, _close_if_done, _d, _require, _user_label

if TYPE_CHECKING:
    from bosetting.accounts.models import Actor


def answer_case(
    *,
    by: Actor,
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
            case_reference=current.case.reference,
        )
        _close_if_done(by, proposal)
    return current


def answer_refusal(proposed_case: ProposedCase) -> str | None:
    """Why the case cannot be answered now, or None when it can: for the review page, which
    must not ask to confirm an answer that `answer_case` would refuse."""
    proposal = proposed_case.proposal
    today = timezone.localdate()
    if (
        proposed_case.answer == ProposedCase.Answer.PENDING
        and proposal.state == Proposal.State.SENT
        and proposal.deadline >= today
    ):
        return None
    return _refusal(proposed_case, proposal, today)


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
