"""The municipality's tasks: proposals to answer, households waiting for a settlement date, and
the year's request waiting for the council's decision."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bosetting.accounts.permissions import Permission, has_permission
from bosetting.cases.queries import CaseSort, households_waiting_for_settlement
from bosetting.distribution.models import Proposal
from bosetting.distribution.queries import (
    ProposalSort,
    proposals_visible_to,
)
from bosetting.planning.models import SettlementRequest
from bosetting.planning.queries import requests_visible_to

from .common import SHOWN, Item, Task, due_item, list_url, short_date


def proposals_to_answer(user: Any, today: datetime.date) -> Task:
    """Sent proposals, the nearest deadline first; those past it are marked (the daily command
    expires them)."""
    proposals = list(
        proposals_visible_to(user)
        .filter(state=Proposal.State.SENT)
        .annotate(pending=Count("proposed_cases", filter=Q(proposed_cases__answer="pending")))
        .order_by("deadline", "pk")
    )
    items = [
        due_item(
            ngettext(
                "%(proposal)s: %(count)s sak venter på svar",
                "%(proposal)s: %(count)s saker venter på svar",
                proposal.pending,
            )
            % {"proposal": proposal.reference, "count": proposal.pending},
            reverse("distribution:answer", args=[proposal.pk]),
            proposal.deadline,
            today,
        )
        for proposal in proposals[:SHOWN]
    ]
    count = len(proposals)
    return Task(
        key="proposals",
        title=_("Forespørsler å svare på"),
        count=count,
        summary=ngettext(
            "%(count)s forespørsel venter på svar.",
            "%(count)s forespørsler venter på svar.",
            count,
        )
        % {"count": count},
        empty=_("Ingen forespørsler venter på svar."),
        link_url=list_url(
            "distribution:proposal_list",
            state=Proposal.State.SENT,
            sort=ProposalSort.DEADLINE_ASC,
        ),
        link_label=_("Alle forespørsler som venter på svar"),
        items=items,
    )


def households_waiting(user: Any, today: datetime.date) -> Task:
    waiting = households_waiting_for_settlement(user)
    figures = waiting.aggregate(count=Count("pk"), oldest=Min("settlement_decision__decided_on"))
    count = figures["count"]
    summary = ngettext(
        "%(count)s husstand venter på bosettingsdato.",
        "%(count)s husstander venter på bosettingsdato.",
        count,
    ) % {"count": count}
    if figures["oldest"] is not None:
        days = (today - figures["oldest"]).days
        summary += " " + ngettext(
            "Lengste ventetid siden vedtak: %(days)s dag.",
            "Lengste ventetid siden vedtak: %(days)s dager.",
            days,
        ) % {"days": days}
    # A matched case has its settlement decision: `decided_on` is its date (the query's
    # annotation).
    items = [
        Item(
            _("Sak %(case)s: vedtak %(date)s")
            % {"case": case.reference, "date": short_date(case.decided_on)},  # type: ignore[attr-defined]
            reverse("cases:case_detail", args=[case.pk]),
        )
        for case in waiting[:SHOWN]
    ]
    may_register = has_permission(user, Permission.SETTLEMENT_REGISTER)
    return Task(
        key="waiting",
        title=_("Husstander som venter på bosettingsdato"),
        count=count,
        summary=summary,
        empty=_("Ingen husstander venter på bosettingsdato."),
        link_url=list_url("cases:case_list", waiting="on", sort=CaseSort.DECIDED_ASC),
        link_label=_("Alle husstander som venter, lengst ventetid først"),
        items=items,
        extra_url=reverse("settlement:pending") if may_register else "",
        extra_label=_("Registrer bosetting for dem som bor privat") if may_register else "",
    )


def requests_to_decide(user: Any, today: datetime.date) -> Task:
    requests = list(
        requests_visible_to(user)
        .filter(state=SettlementRequest.State.SENT)
        .order_by("deadline", "pk")
    )
    items = [
        due_item(
            _("Anmodning for %(year)s: registrer kommunestyrets vedtak") % {"year": request.year},
            reverse("planning:request_detail", args=[request.pk]),
            request.deadline,
            today,
        )
        for request in requests[:SHOWN]
    ]
    count = len(requests)
    return Task(
        key="requests",
        title=_("Anmodning som venter på vedtak"),
        count=count,
        summary=ngettext(
            "%(count)s anmodning venter på kommunens vedtak.",
            "%(count)s anmodninger venter på kommunens vedtak.",
            count,
        )
        % {"count": count},
        empty=_("Ingen anmodninger venter på vedtak."),
        link_url=reverse("planning:request_list"),
        link_label=_("Alle anmodninger og vedtak"),
        items=items,
    )
