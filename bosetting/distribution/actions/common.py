"""What the distribution actions share: the permission check, the links, and the rule that
closes a proposal when no case waits for an answer."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from bosetting.accounts.permissions import Permission, require_actor
from bosetting.accounts.queries import imdi_caseworkers
from bosetting.audit.actions import record_event
from bosetting.audit.models import EventType
from bosetting.cases.models import Case, CaseState
from bosetting.cases.transitions import change_case_state
from bosetting.notifications.actions import notify
from bosetting.organisations.models import Municipality

from ..models import Proposal, ProposedCase
from ..transitions import change_proposal_state

if TYPE_CHECKING:
    from bosetting.accounts.models import Actor


def _require(by: Actor, permission: Permission, municipality: Municipality | None = None) -> None:
    require_actor(by, permission, municipality=municipality)


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


def _case_to_ready(by: Actor, case: Case, reason: str) -> None:
    case.municipality = None
    change_case_state(by=by, case=case, to=CaseState.READY, reason=reason)


def _close_if_done(by: Actor, proposal: Proposal) -> None:
    """Answered when no case waits for an answer; withdrawn when IMDi withdrew every case."""
    answers = set(ProposedCase.objects.filter(proposal=proposal).values_list("answer", flat=True))
    if ProposedCase.Answer.PENDING in answers:
        return
    now = timezone.now()
    if answers == {ProposedCase.Answer.WITHDRAWN}:
        change_proposal_state(proposal=proposal, to=Proposal.State.WITHDRAWN, closed_at=now)
        return
    change_proposal_state(
        proposal=proposal, to=Proposal.State.ANSWERED, answered_at=now, closed_at=now
    )
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
