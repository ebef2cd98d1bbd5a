"""The report "Anmodninger og vedtak" on the page and as XLSX, CSV and PDF.

Page and export build the same `Report` from the same GET parameters, so a download holds
exactly what the page shows. Every figure starts from `requests_visible_to(user)`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from bosetting.accounts.permissions import Permission

from .exports import FORMATS, export_response
from .forms import ReportFilterForm
from .queries import ReportScope, report_scope, report_years, requests_visible_to
from .requests_and_decisions import year_report, years_report
from .table import Report

ReportBuilder = Callable[[HttpRequest, ReportFilterForm], Report]


def _year_report(request: HttpRequest, form: ReportFilterForm) -> Report:
    requests = requests_visible_to(request.user)
    scope = _scope(request)
    if scope.everything:
        return year_report(requests, year=form.selected_year(), county=form.selected_county())
    return year_report(requests, year=form.selected_year(), municipality=scope.municipality)


def _years_report(request: HttpRequest, form: ReportFilterForm) -> Report:
    requests = requests_visible_to(request.user)
    scope = _scope(request)
    if scope.everything:
        return years_report(requests, county=form.selected_county())
    return years_report(requests, municipality=scope.municipality)


def _scope(request: HttpRequest) -> ReportScope:
    # A municipality's user sees their own municipality's figures and nothing else.
    return report_scope(request.user, Permission.REQUESTS_REPORT_VIEW)


def _form(request: HttpRequest, *, per_year: bool) -> ReportFilterForm:
    years = None
    data = request.GET.copy()
    if per_year:
        this_year = timezone.localdate().year
        years = sorted({*report_years(requests_visible_to(request.user)), this_year}, reverse=True)
        # No year asked for is this year's report, and the selector must say so.
        if not data.get("year"):
            data["year"] = str(this_year)
    # Always bound: no parameters is a valid choice (this year, the whole country).
    return ReportFilterForm(data, years=years, show_county=_scope(request).everything)


def _page(
    request: HttpRequest, *, per_year: bool, builder: ReportBuilder, url_name: str
) -> HttpResponse:
    _scope(request)  # refuses (403) without the permission
    form = _form(request, per_year=per_year)
    report = builder(request, form) if form.is_valid() else None
    query = request.GET.urlencode()
    suffix = f"?{query}" if query else ""
    context: dict[str, Any] = {
        "form": form,
        "report": report,
        "per_year": per_year,
        "page_url": reverse(url_name),
        "year_url": reverse("reports:requests_and_decisions"),
        "years_url": reverse("reports:requests_and_decisions_over_years"),
        "exports": [
            {
                "label": label,
                "url": reverse(f"{url_name}_export", args=[file_format]) + suffix,
                "format": file_format,
            }
            for file_format, label in (
                ("xlsx", _("Last ned Excel (XLSX)")),
                ("csv", _("Last ned CSV")),
                ("pdf", _("Last ned PDF")),
            )
        ],
        "breadcrumbs": [
            {"label": _("Rapporter"), "url": reverse("reports:index")},
            {"label": _("Anmodninger og vedtak"), "url": None},
        ],
    }
    status = 200 if report is not None else 400
    return render(request, "reports/requests_and_decisions.html", context, status=status)


def _export(
    request: HttpRequest, file_format: str, *, per_year: bool, builder: ReportBuilder
) -> HttpResponse | StreamingHttpResponse:
    _scope(request)  # refuses (403) without the permission
    if file_format not in FORMATS:
        raise Http404
    form = _form(request, per_year=per_year)
    if not form.is_valid():
        # The export links are made from a valid page; a hand-edited one is refused.
        return HttpResponse(_("Ugyldig filter."), status=400, content_type="text/plain")
    return export_response(builder(request, form), file_format)


@require_GET
def requests_and_decisions(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        per_year=True,
        builder=_year_report,
        url_name="reports:requests_and_decisions",
    )


@require_GET
def requests_and_decisions_export(
    request: HttpRequest, file_format: str
) -> HttpResponse | StreamingHttpResponse:
    return _export(request, file_format, per_year=True, builder=_year_report)


@require_GET
def requests_and_decisions_over_years(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        per_year=False,
        builder=_years_report,
        url_name="reports:requests_and_decisions_over_years",
    )


@require_GET
def requests_and_decisions_over_years_export(
    request: HttpRequest, file_format: str
) -> HttpResponse | StreamingHttpResponse:
    return _export(request, file_format, per_year=False, builder=_years_report)
