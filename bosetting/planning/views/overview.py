"""IMDi's year overview of every municipality, and the reminder to those without a decision."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bosetting.accounts.http import AuthenticatedHttpRequest
from bosetting.accounts.permissions import Permission, has_permission, require
from bosetting.core.counts import counted
from bosetting.core.urls import url_for_pk

from .. import actions
from ..forms import OverviewFilterForm
from ..overview import (
    SORT_KEYS,
    OverviewStatus,
    filtered_and_sorted,
    overview_rows,
    totals_by_county,
)
from ..overview_html import overview_rows_html
from ..overview_map import overview_map
from .common import crumb, this_year

COLUMNS = [
    ("kommune", gettext_lazy("Kommune")),
    ("anmodet", gettext_lazy("Anmodet")),
    ("frist", gettext_lazy("Svarfrist")),
    ("vedtatt", gettext_lazy("Vedtatt")),
    ("mindreaarige", gettext_lazy("Vedtatt, herav enslige mindreårige")),
    ("bosatt", gettext_lazy("Bosatt hittil")),
    ("status", gettext_lazy("Status")),
]


def overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, Permission.PLANNING_OVERVIEW_VIEW)
    form = OverviewFilterForm(request.GET or None, initial={"aar": this_year()})
    year, county, status = this_year(), None, None
    if form.is_bound and form.is_valid():
        year = form.cleaned_data["aar"]
        county = form.cleaned_data["fylke"]
        status = form.cleaned_data["status"] or None
    sort = request.GET.get("sorter", "kommune")
    if sort not in SORT_KEYS:
        sort = "kommune"
    descending = request.GET.get("retning") == "synkende"
    today = timezone.localdate()
    rows = overview_rows(year, today=today)
    county_totals, nation = totals_by_county(rows)
    shown = filtered_and_sorted(
        rows,
        county_number=county.number if county else None,
        status=status,
        sort=sort,
        descending=descending,
    )
    detail_url = url_for_pk("planning:request_detail")
    acknowledge_url = url_for_pk("planning:decision_acknowledge")
    for row in shown:
        row.detail_url = detail_url(row.request_id) if row.request_id else ""
        row.acknowledge_url = acknowledge_url(row.decision_id) if row.decision_id else ""
    base = {
        "aar": year,
        **({"fylke": county.number} if county else {}),
        **({"status": status} if status else {}),
    }
    columns = []
    for key, label in COLUMNS:
        active = key == sort
        next_descending = active and not descending
        query = urlencode(
            {**base, "sorter": key, **({"retning": "synkende"} if next_descending else {})}
        )
        columns.append(
            {
                "key": key,
                "label": label,
                "url": f"?{query}",
                "aria_sort": ("descending" if descending else "ascending") if active else None,
            }
        )
    unanswered = nation.statuses.get(OverviewStatus.NOT_ANSWERED, 0) + nation.statuses.get(
        OverviewStatus.DEADLINE_PASSED, 0
    )
    can_manage = has_permission(request.user, Permission.REQUEST_MANAGE)
    drawn = overview_map(rows, year=year, county_number=county.number if county else None)
    return render(
        request,
        "planning/overview.html",
        {
            "year": year,
            "county": county,
            "form": form,
            "rows": shown,
            "rows_html": overview_rows_html(shown, request=request, can_manage=can_manage),
            "columns": columns,
            "county_totals": county_totals,
            "nation": nation,
            "statuses": OverviewStatus.choices,
            "unanswered": unanswered,
            "can_manage": can_manage,
            "can_use_formula": has_permission(request.user, Permission.REQUEST_FORMULA_MANAGE),
            "map_svg": drawn[0] if drawn else None,
            "map_title": drawn[1] if drawn else "",
            "breadcrumbs": [crumb(_("Anmodninger og vedtak %(year)s") % {"year": year})],
        },
    )


def send_reminders(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, Permission.REQUEST_MANAGE)
    year_text = request.POST.get("aar", "")
    year = int(year_text) if year_text.isdigit() else this_year()
    if request.method == "POST":
        count = actions.send_reminders(by=request.user, year=year)
        if count:
            messages.success(
                request,
                _("Påminnelse er sendt til %(municipalities)s uten godkjent vedtak.")
                % {"municipalities": counted(count, "kommune")},
            )
        else:
            messages.info(request, _("Alle kommuner med sendt anmodning har godkjent vedtak."))
    return redirect(reverse("planning:overview") + f"?aar={year}")
