"""The reports page: the reports the user may take out, with what each holds."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from bosetting.accounts.permissions import Permission, has_permission, require


@dataclass(frozen=True)
class ReportEntry:
    title: str | Promise
    description: str | Promise
    url_name: str
    permission: Permission

    @property
    def url(self) -> str:
        return reverse(self.url_name)


REPORTS = [
    ReportEntry(
        _("Anmodninger og vedtak"),
        _(
            "Hvor mange flyktninger IMDi har bedt om å få bosatt, hvor mange kommunene har "
            "vedtatt å bosette, og hvor mange som er bosatt, per år og over tid."
        ),
        "reports:requests_and_decisions",
        Permission.REQUESTS_REPORT_VIEW,
    ),
    ReportEntry(
        _("Spesialisert bosettingsrapport"),
        _(
            "Alle personer som er bosatt i kommunen i en periode, med identitet, kategori, "
            "husstand og datoer. Inneholder personopplysninger."
        ),
        "reports:specialised_settlement",
        Permission.SETTLEMENT_REPORT_VIEW,
    ),
    ReportEntry(
        _("Bosetting i hele landet"),
        _(
            "Bosatte per fylke, kommune, måned, kategori, aldersgruppe og statsborgerskap. "
            "Små tall for andre kommuner vises som «<5»."
        ),
        "reports:national_settlement",
        Permission.NATIONAL_REPORT_VIEW,
    ),
]


@require_GET
def report_index(request: HttpRequest) -> HttpResponse:
    require(request.user, Permission.REQUESTS_REPORT_VIEW)
    reports = [entry for entry in REPORTS if has_permission(request.user, entry.permission)]
    return render(
        request,
        "reports/index.html",
        {
            "reports": reports,
            "breadcrumbs": [{"label": _("Rapporter"), "url": None}],
        },
    )
