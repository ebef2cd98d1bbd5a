"""IMDi prepares a year's requests (table or file) and sends the drafts."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bosetting.accounts.http import AuthenticatedHttpRequest
from bosetting.accounts.kept_input import form_data, keeps_input_on_expiry
from bosetting.accounts.permissions import Permission, has_permission, require
from bosetting.core.counts import counted
from bosetting.organisations.models import County, Municipality

from .. import actions
from ..forms import PreparationForm, SendForm, UploadForm, YearCountyForm, default_deadline
from ..models import SettlementRequest
from ..upload import COLUMNS, UploadError, read_rows, template_csv, validate_rows
from .common import crumb, overview_crumb, this_year
from .letters import progress_url


def _year_and_county(
    request: AuthenticatedHttpRequest,
) -> tuple[int, County | None, YearCountyForm]:
    form = YearCountyForm(request.GET or None, initial={"aar": this_year()})
    if form.is_bound and form.is_valid():
        return form.cleaned_data["aar"], form.cleaned_data["fylke"], form
    return this_year(), None, YearCountyForm(initial={"aar": this_year()})


def _common_initial(year: int) -> dict[str, Any]:
    draft = (
        SettlementRequest.objects.filter(year=year, state=SettlementRequest.State.DRAFT)
        .order_by("-pk")
        .first()
    )
    if draft is not None:
        return {"deadline": draft.deadline, "cover_text": draft.cover_text}
    return {"deadline": default_deadline(year)}


def _query(year: int, county: County | None) -> str:
    return f"?aar={year}" + (f"&fylke={county.number}" if county else "")


def _saved_message(saved: int, discarded: list[Municipality]) -> str:
    parts = []
    if saved:
        parts.append(
            ngettext(
                "Utkastet er lagret for %(count)s kommune.",
                "Utkastene er lagret for %(count)s kommuner.",
                saved,
            )
            % {"count": saved}
        )
    if discarded:
        parts.append(
            ngettext(
                "Utkastet for %(names)s er slettet.",
                "Utkastene for %(names)s er slettet.",
                len(discarded),
            )
            % {"names": ", ".join(m.name for m in discarded)}
        )
    if not parts:
        parts.append(_("Svarfristen og følgeteksten er lagret for årets utkast."))
    parts.append(_("Ingenting er sendt ennå."))
    return " ".join(parts)


@keeps_input_on_expiry()
def prepare(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, Permission.REQUEST_MANAGE)
    year, county, filter_form = _year_and_county(request)
    municipalities_qs = Municipality.objects.select_related("county").order_by("number")
    if county is not None:
        municipalities_qs = municipalities_qs.filter(county=county)
    municipalities = list(municipalities_qs)
    requests = {
        r.municipality_id: r
        for r in SettlementRequest.objects.filter(year=year, municipality__in=municipalities)
    }
    drafts = {k: r for k, r in requests.items() if r.state == SettlementRequest.State.DRAFT}
    open_municipalities = [m for m in municipalities if m.pk not in requests or m.pk in drafts]
    sent = [(m, requests[m.pk]) for m in municipalities if m.pk in requests and m.pk not in drafts]
    form = PreparationForm(
        form_data(request),
        municipalities=open_municipalities,
        drafts=drafts,
        initial=_common_initial(year),
    )
    if request.method == "POST" and form.is_valid():
        if not form.has_changes():
            if not drafts:
                form.add_error(None, _("Fyll inn tall for minst én kommune."))
            else:
                # Not green: nothing was saved, and the user should know it.
                messages.info(
                    request,
                    _(
                        "Ingenting er endret, så ingenting ble lagret. Tallene i tabellen er utkastene."
                    ),
                )
                return redirect(reverse("planning:prepare") + _query(year, county))
        else:
            try:
                saved = actions.prepare_requests(
                    by=request.user,
                    year=year,
                    rows=form.cleaned_data["rows"],
                    deadline=form.cleaned_data["deadline"],
                    cover_text=form.cleaned_data["cover_text"],
                    discard=form.cleaned_data["discarded"],
                )
            except actions.PlanningError as error:
                form.add_error(error.field, error.message)
            else:
                messages.success(
                    request, _saved_message(len(saved), form.cleaned_data["discarded"])
                )
                return redirect(reverse("planning:prepare") + _query(year, county))
    return render(
        request,
        "planning/prepare.html",
        {
            "year": year,
            "county": county,
            "filter_form": filter_form,
            "form": form,
            "sent": sent,
            "draft_count": SettlementRequest.objects.filter(
                year=year, state=SettlementRequest.State.DRAFT
            ).count(),
            "query": _query(year, county),
            "can_use_formula": has_permission(request.user, Permission.REQUEST_FORMULA_MANAGE),
            "breadcrumbs": [overview_crumb(year), crumb(_("Forbered anmodninger"))],
        },
    )


def upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, Permission.REQUEST_MANAGE)
    year, _county, _form = _year_and_county(request)
    form = UploadForm(request.POST or None, request.FILES or None, initial=_common_initial(year))
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        try:
            rows = validate_rows(read_rows(upload_file.read(), upload_file.name), year=year)
            saved = actions.prepare_requests(
                by=request.user,
                year=year,
                rows=rows,
                deadline=form.cleaned_data["deadline"],
                cover_text=form.cleaned_data["cover_text"],
            )
        except UploadError as error:
            # Every row's error stands by the file input, so a screen reader hears them there.
            form.add_error("file", _("Filen har feil, og ingenting fra den er lagret."))
            for message in error.messages:
                form.add_error("file", message)
        except actions.PlanningError as error:
            form.add_error(error.field or "file", error.message)
        else:
            messages.success(
                request,
                _(
                    "Filen er lest inn: utkast for %(municipalities)s er lagret. De er ikke sendt ennå."
                )
                % {"municipalities": counted(len(saved), "kommune")},
            )
            return redirect(reverse("planning:prepare") + f"?aar={year}")
    return render(
        request,
        "planning/upload.html",
        {
            "year": year,
            "form": form,
            "columns": COLUMNS,
            "breadcrumbs": [
                overview_crumb(year),
                crumb(_("Forbered anmodninger"), "planning:prepare", f"?aar={year}"),
                crumb(_("Last opp fil")),
            ],
        },
    )


def upload_template(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, Permission.REQUEST_MANAGE)
    response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="anmodninger-mal.csv"'
    return response


def send(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, Permission.REQUEST_MANAGE)
    year, _county, _form = _year_and_county(request)
    drafts = (
        SettlementRequest.objects.filter(year=year, state=SettlementRequest.State.DRAFT)
        .select_related("municipality")
        .order_by("municipality__number")
    )
    form = SendForm(request.POST if request.method == "POST" else None, drafts=drafts)
    if request.method == "POST" and form.is_valid():
        chosen = list(drafts) if "all" in request.POST else list(form.cleaned_data["requests"])
        try:
            sent = actions.send_requests(by=request.user, requests=chosen)
        except actions.PlanningError as error:
            form.add_error(error.field or "requests", error.message)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s anmodning er sendt, og kommunen er varslet.",
                    "%(count)s anmodninger er sendt, og kommunene er varslet.",
                    len(sent),
                )
                % {"count": len(sent)},
            )
            return redirect(progress_url(year))
    return render(
        request,
        "planning/send.html",
        {
            "year": year,
            "form": form,
            "drafts": drafts,
            "breadcrumbs": [
                overview_crumb(year),
                crumb(_("Forbered anmodninger"), "planning:prepare", f"?aar={year}"),
                crumb(_("Send anmodninger")),
            ],
        },
    )
