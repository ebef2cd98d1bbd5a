"""IMDi's tasks: yes answers waiting for the settlement decision, ready cases waiting for a
proposal, proposals not sent, and municipal decisions waiting for acknowledgement."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bosetting.distribution.models import Proposal
from bosetting.distribution.queries import (
    accepted_undecided,
    proposals_visible_to,
    work_list,
)
from bosetting.planning.models import MunicipalDecision
from bosetting.planning.queries import decisions_visible_to

from .common import SHOWN, Item, Task, list_url, short_date


def accepted_to_decide() -> Task:
    answers = accepted_undecided().prefetch_related(None)
    count = answers.count()
    items = [
        Item(
            _("Sak %(case)s: %(municipality)s svarte ja %(date)s")
            % {
                "case": answer.case.reference,
                "municipality": answer.proposal.municipality.name,
                "date": short_date(timezone.localdate(answer.answered_at))
                if answer.answered_at
                else "",
            },
            reverse("distribution:decide"),
        )
        for answer in answers[:SHOWN]
    ]
    return Task(
        key="decisions",
        title=_("Ja som venter på vedtak om bosettingskommune"),
        count=count,
        summary=ngettext(
            "%(count)s sak har fått ja og venter på vedtak.",
            "%(count)s saker har fått ja og venter på vedtak.",
            count,
        )
        % {"count": count},
        empty=_("Ingen saker venter på vedtak om bosettingskommune."),
        link_url=reverse("distribution:decide"),
        link_label=_("Fatt vedtak"),
        items=items,
    )


def ready_to_propose(today: datetime.date) -> Task:
    figures = work_list().aggregate(count=Count("pk"), oldest=Min("state_changed_at"))
    count = figures["count"]
    summary = ngettext(
        "%(count)s sak er klar for bosetting og ikke foreslått for en kommune.",
        "%(count)s saker er klare for bosetting og ikke foreslått for en kommune.",
        count,
    ) % {"count": count}
    if figures["oldest"] is not None:
        days = (today - timezone.localdate(figures["oldest"])).days
        summary += " " + ngettext(
            "Lengste ventetid: %(days)s dag.", "Lengste ventetid: %(days)s dager.", days
        ) % {"days": days}
    return Task(
        key="ready",
        title=_("Saker som venter på forespørsel"),
        count=count,
        summary=summary,
        empty=_("Ingen klare saker venter på forespørsel."),
        link_url=reverse("distribution:work_list"),
        link_label=_("Til arbeidslisten, lengst ventetid først"),
    )


def draft_proposals(user: Any) -> Task:
    drafts = proposals_visible_to(user).filter(state=Proposal.State.DRAFT).order_by("pk")
    count = drafts.count()
    items = [
        Item(
            _("%(proposal)s til %(municipality)s")
            % {"proposal": draft.reference, "municipality": draft.municipality.name},
            reverse("distribution:proposal_detail", args=[draft.pk]),
        )
        for draft in drafts[:SHOWN]
    ]
    return Task(
        key="drafts",
        title=_("Forespørsler som ikke er sendt"),
        count=count,
        summary=ngettext(
            "%(count)s utkast til forespørsel er ikke sendt.",
            "%(count)s utkast til forespørsler er ikke sendt.",
            count,
        )
        % {"count": count},
        empty=_("Ingen utkast venter."),
        link_url=reverse("distribution:work_list"),
        link_label=_("Til arbeidslisten"),
        items=items,
    )


def decisions_to_acknowledge(user: Any, today: datetime.date) -> Task:
    decisions = decisions_visible_to(user).filter(state=MunicipalDecision.State.APPROVED)
    count = decisions.count()
    items = [
        Item(
            _("%(municipality)s, vedtak for %(year)s")
            % {"municipality": decision.request.municipality.name, "year": decision.request.year},
            reverse("planning:request_detail", args=[decision.request_id]),
        )
        for decision in decisions.order_by("approved_at", "pk")[:SHOWN]
    ]
    return Task(
        key="acknowledge",
        title=_("Kommunevedtak som venter på kvittering"),
        count=count,
        summary=ngettext(
            "%(count)s godkjent vedtak er ikke kvittert ut.",
            "%(count)s godkjente vedtak er ikke kvittert ut.",
            count,
        )
        % {"count": count},
        empty=_("Ingen vedtak venter på kvittering."),
        link_url=list_url("planning:overview", aar=today.year),
        link_label=_("Til årsoversikten"),
        items=items,
    )
