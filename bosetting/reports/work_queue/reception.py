"""A reception centre's tasks: its residents' assessments to finish, and the moving out of those
matched to a municipality."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bosetting.cases.models import CaseState
from bosetting.cases.queries import CaseSort, case_list
from bosetting.settlement.queries import cases_awaiting_settlement

from .common import SHOWN, Item, Task, list_url, short_date


def assessments_to_finish(user: Any) -> Task:
    assessing = case_list(user, state=CaseState.BEING_ASSESSED, sort=CaseSort.OLDEST)
    count = assessing.count()
    items = [
        Item(
            _("Sak %(case)s, registrert %(date)s")
            % {"case": case.reference, "date": short_date(timezone.localdate(case.created_at))},
            reverse("cases:case_detail", args=[case.pk]),
        )
        for case in assessing.prefetch_related(None)[:SHOWN]
    ]
    return Task(
        key="assessing",
        title=_("Kartlegginger som ikke er ferdige"),
        count=count,
        summary=ngettext(
            "%(count)s husstand er under kartlegging.",
            "%(count)s husstander er under kartlegging.",
            count,
        )
        % {"count": count},
        empty=_("Ingen husstander er under kartlegging."),
        link_url=list_url("cases:case_list", state=CaseState.BEING_ASSESSED, sort=CaseSort.OLDEST),
        link_label=_("Alle husstander under kartlegging"),
        items=items,
    )


def moving_out(user: Any, today: datetime.date) -> Task:
    cases = cases_awaiting_settlement(user).prefetch_related(None)
    count = cases.count()
    items = [
        Item(
            _("Sak %(case)s til %(municipality)s, vedtak %(date)s")
            % {
                "case": case.reference,
                "municipality": case.municipality.name if case.municipality else "",
                "date": short_date(case.decided_on),  # type: ignore[attr-defined]
            },
            reverse("settlement:register_case", args=[case.pk]),
        )
        for case in cases[:SHOWN]
    ]
    return Task(
        key="moving_out",
        title=_("Utflytting som skal registreres"),
        count=count,
        summary=ngettext(
            "%(count)s husstand er søkt ut til en kommune og venter på utflytting.",
            "%(count)s husstander er søkt ut til en kommune og venter på utflytting.",
            count,
        )
        % {"count": count},
        empty=_("Ingen beboere venter på å flytte ut."),
        link_url=reverse("settlement:pending"),
        link_label=_("Registrer bosetting (utflytting)"),
        items=items,
    )
