"""Deadlines, for the scheduled `expire_proposals`: a reminder the day before, expiry after."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bosetting.audit.actions import record_event
from bosetting.audit.models import EventType
from bosetting.cases.models import Case
from bosetting.core.counts import counted
from bosetting.notifications.actions import notify
from bosetting.planning.actions import imdi_caseworkers, municipal_caseworkers

from ..models import Proposal, ProposedCase
from ..transitions import change_proposal_state
from .common import _case_to_ready, _d, answer_url, proposal_url


def send_due_reminders(*, today: datetime.date) -> int:
    """Remind each sent proposal's municipality once, the day before its deadline."""
    count = 0
    due = Proposal.objects.filter(
        state=Proposal.State.SENT,
        # Tomorrow's deadlines; today's too, should yesterday's run have been missed.
        deadline__range=(today, today + datetime.timedelta(days=1)),
        reminded_at=None,
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
                subject=_("Påminnelse: svarfrist for %(proposal)s er %(deadline)s")
                % {"proposal": proposal.reference, "deadline": _d(proposal.deadline)},
                body=_("%(cases)s venter på svar innen %(deadline)s.")
                % {"cases": counted(pending, "sak"), "deadline": _d(proposal.deadline)},
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
            change_proposal_state(
                proposal=proposal, to=Proposal.State.EXPIRED, closed_at=timezone.now()
            )
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
                "Svarfristen %(deadline)s gikk ut. %(cases)s uten svar er tilbake hos IMDi."
            ) % {"deadline": _d(proposal.deadline), "cases": counted(len(pending), "sak")}
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
