"""The settlement reports on the page and as XLSX, CSV and PDF.

Viewing the specialised report is not logged, as opening a list in the person file's app is not;
every export of either report is (REPORT_EXPORTED, with the filters and the number of rows), since
a file leaves the system.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from bosetting.accounts.http import AuthenticatedHttpRequest
from bosetting.accounts.permissions import Permission, require
from bosetting.organisations.models import Municipality

from .actions import record_export
from .exports import FORMATS, export_response
from .national import national_report
from .period import NationalFilterForm, SpecialisedFilterForm
from .queries import report_scope, unsuppressed_municipality_id
from .specialised import specialised_report
from .table import Report


def _exports(request: AuthenticatedHttpRequest, url_name: str, *args: str) -> list[dict[str, str]]:
    query = request.GET.urlencode()
    suffix = f"?{query}" if query else ""
    return [
        {
            "label": label,
            "url": reverse(f"{url_name}_export", args=[*args, file_format]) + suffix,
            "format": file_format,
        }
        for file_format, label in (
            ("xlsx", _("Last ned Excel (XLSX)")),
            ("csv", _("Last ned CSV")),
            ("pdf", _("Last ned PDF")),
        )
    ]


# --- Specialised settlement report ---------------------------------------------------------------


def _specialised(
    request: AuthenticatedHttpRequest, number: str | None = None
) -> tuple[SpecialisedFilterForm, Report | None, Any]:
    """The form, the report (None until a municipality and a valid period are chosen) and the
    municipality. An export names the municipality in its address; the page takes IMDi's
    choice from the form and gives everyone else their own."""
    scope = report_scope(request.user, Permission.SETTLEMENT_REPORT_VIEW)
    chosen: Municipality | None = scope.municipality
    if number is not None:
        chosen = get_object_or_404(Municipality, number=number)
        require(request.user, Permission.SETTLEMENT_REPORT_VIEW, municipality=chosen)
    form = SpecialisedFilterForm(
        request.GET, choose_municipality=scope.everything and number is None
    )
    if not form.is_valid():
        return form, None, None
    municipality = chosen or form.cleaned_data.get("municipality")
    if municipality is None:
        return form, None, None
    start, end = form.period()
    return form, specialised_report(municipality, start, end), municipality


@require_GET
def specialised_settlement(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, report, municipality = _specialised(request)
    status = 400 if form.errors else 200
    return render(
        request,
        "reports/settlement_report.html",
        {
            "heading": _("Spesialisert bosettingsrapport"),
            "intro": _(
                "Alle personer som er bosatt i kommunen i perioden, med identitet, kategori, "
                "husstand og datoer. Rapporten inneholder personopplysninger: nedlastinger "
                "loggføres."
            ),
            "choose_prompt": _("Velg kommune og periode for å se rapporten."),
            "empty_text": _("Ingen er registrert bosatt i kommunen i perioden."),
            "form": form,
            "report": report,
            "page_url": reverse("reports:specialised_settlement"),
            "exports": _exports(request, "reports:specialised_settlement", municipality.number)
            if municipality
            else [],
            "breadcrumbs": [
                {"label": _("Rapporter"), "url": reverse("reports:index")},
                {"label": _("Spesialisert bosettingsrapport"), "url": None},
            ],
        },
        status=status,
    )


@require_GET
def specialised_settlement_export(
    request: AuthenticatedHttpRequest, number: str, file_format: str
) -> HttpResponse | StreamingHttpResponse:
    if file_format not in FORMATS:
        raise Http404
    form, report, municipality = _specialised(request, number)
    if report is None:
        return HttpResponse(_("Ugyldig filter."), status=400, content_type="text/plain")
    start, end = form.period()
    record_export(
        by=request.user,
        report="specialised_settlement",
        title=report.title,
        file_format=file_format,
        municipality=municipality,
        details={
            "municipality": municipality.number,
            "from": start.isoformat(),
            "to": end.isoformat(),
            "rows": len(report.rows),
        },
    )
    return export_response(report, file_format)


# --- National settlement report ------------------------------------------------------------------


def _national(request: AuthenticatedHttpRequest) -> tuple[NationalFilterForm, Report | None]:
    require(request.user, Permission.NATIONAL_REPORT_VIEW)
    form = NationalFilterForm(request.GET)
    if not form.is_valid():
        return form, None
    start, end = form.period()
    own = unsuppressed_municipality_id(request.user)
    return form, national_report(
        start=start, end=end, group_by=form.grouping(), own_municipality_id=own
    )


@require_GET
def national_settlement(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, report = _national(request)
    suppressed = unsuppressed_municipality_id(request.user) is not None
    return render(
        request,
        "reports/settlement_report.html",
        {
            "heading": _("Bosatte i hele landet"),
            "intro": _(
                "Bosatte personer i perioden, fordelt på fylke, kommune, måned, kategori, "
                "aldersgruppe ved bosetting eller statsborgerskap."
            ),
            "suppression_note": _(
                "Tall fra 1 til 4 som gjelder personer bosatt i andre kommuner enn din, vises "
                "som «<5» for å verne personvernet. Tall for din egen kommune vises som de er."
            )
            if suppressed
            else "",
            "empty_text": _("Ingen er registrert bosatt i perioden."),
            "form": form,
            "report": report,
            "page_url": reverse("reports:national_settlement"),
            "exports": _exports(request, "reports:national_settlement"),
            "breadcrumbs": [
                {"label": _("Rapporter"), "url": reverse("reports:index")},
                {"label": _("Bosatte i hele landet"), "url": None},
            ],
        },
        status=400 if form.errors else 200,
    )


@require_GET
def national_settlement_export(
    request: AuthenticatedHttpRequest, file_format: str
) -> HttpResponse | StreamingHttpResponse:
    if file_format not in FORMATS:
        raise Http404
    form, report = _national(request)
    if report is None:
        return HttpResponse(_("Ugyldig filter."), status=400, content_type="text/plain")
    start, end = form.period()
    record_export(
        by=request.user,
        report="national_settlement",
        title=report.title,
        file_format=file_format,
        municipality=request.user.own_municipality,
        details={"group_by": form.grouping(), "from": start.isoformat(), "to": end.isoformat()},
    )
    return export_response(report, file_format)
