"""IMDi's administrator: the national numbers, the formula and its «Hva om», saving a new version,
and pre-filling the preparation table from the proposal."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bosetting.accounts.http import AuthenticatedHttpRequest
from bosetting.accounts.kept_input import form_data, keeps_input_on_expiry
from bosetting.accounts.permissions import Permission, require
from bosetting.core.pdf import render_pdf, svg_image_src
from bosetting.planning.errors import PlanningError
from bosetting.planning.forms import default_deadline, year_choices
from bosetting.planning.models import SettlementRequest

from . import actions
from .computation import InfeasibleError
from .explain import signed
from .forms import FormulaForm, NationalNumbersForm, PrefillForm
from .formulas import latest_formula
from .models import Formula, NationalNumbers
from .presentation import MAP_ID, TABLE_ID, map_title, proposal_map, rows, rows_html
from .proposal import Proposal, facts_for, propose

RESULTS_ID = "virkning"


def _year(request: AuthenticatedHttpRequest) -> int:
    text = request.POST.get("aar") or request.GET.get("aar") or ""
    allowed = {year for year, _label in year_choices()}
    if text.isdigit() and int(text) in allowed:
        return int(text)
    return timezone.localdate().year + 1


def _page_url(year: int) -> str:
    return reverse("requestformula:proposal") + f"?aar={year}"


def _proposal(
    year: int, national: NationalNumbers | None, formula: Formula, saved: Formula
) -> tuple[Proposal | None, Proposal | None, str]:
    """The proposal with `formula`, the one with the saved formula when they differ, or why none."""
    if national is None:
        return None, None, _("Fyll inn de nasjonale tallene for året for å se forslaget.")
    try:
        facts = facts_for(year)
        proposal = propose(
            year=year,
            places=national.places,
            minors=national.unaccompanied_minors,
            formula=formula,
            facts=facts,
        )
        compared = None
        if formula.pk is None:
            compared = propose(
                year=year,
                places=national.places,
                minors=national.unaccompanied_minors,
                formula=saved,
                facts=facts,
            )
    except InfeasibleError as error:
        return (
            None,
            None,
            _(
                "Med denne minste og største anmodningen må antallet plasser i landet være "
                "mellom %(lowest)s og %(highest)s."
            )
            % {"lowest": error.lowest, "highest": error.highest},
        )
    except ValueError:
        return None, None, _("Folketallet er ikke lastet inn (manage.py load_population).")
    return proposal, compared, ""


@keeps_input_on_expiry()
def proposal_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, Permission.REQUEST_FORMULA_MANAGE)
    year = _year(request)
    saved = latest_formula()
    national = NationalNumbers.objects.filter(year=year).first()
    data = form_data(request)
    formula_form = FormulaForm(
        data if request.method == "POST" else None, initial=FormulaForm.initial_for(saved)
    )
    formula = saved
    if formula_form.is_bound and formula_form.is_valid():
        if request.POST.get("handling") == "lagre":
            try:
                created = actions.save_formula(
                    by=request.user,
                    terms=formula_form.terms(),
                    note=formula_form.cleaned_data["note"],
                )
            except actions.FormulaError as error:
                formula_form.add_error(error.field, error.message)
            else:
                messages.success(
                    request,
                    _("Formelen er lagret som versjon %(version)s.") % {"version": created.version},
                )
                return redirect(_page_url(year))
        formula = formula_form.unsaved_formula(saved)
    proposal, compared, problem = _proposal(year, national, formula, saved)
    context: dict[str, Any] = {
        "year": year,
        "year_choices": year_choices(),
        "saved": saved,
        "formula": formula,
        "national": national,
        "formula_form": formula_form,
        "numbers_form": NationalNumbersForm(
            initial={
                "places": national.places,
                "unaccompanied_minors": national.unaccompanied_minors,
            }
            if national
            else None
        ),
        "prefill_form": PrefillForm(
            initial={"deadline": default_deadline(year), "cover_text": _cover_text(year)}
        ),
        "proposal": proposal,
        "problem": problem,
        "what_if": compared is not None,
        "results_id": RESULTS_ID,
        "table_id": TABLE_ID,
        "breadcrumbs": [
            {"label": _("Formel for anmodninger %(year)s") % {"year": year}, "url": None}
        ],
    }
    if proposal is not None:
        shown = rows(proposal, compared)
        svg, description = proposal_map(proposal)
        context.update(
            rows_html=rows_html(shown, what_if=compared is not None),
            map_svg=svg,
            map_title=map_title(proposal),
            map_description=description,
            map_id=MAP_ID,
            counties=_county_rows(proposal, compared),
        )
    if request.htmx and request.htmx.target == RESULTS_ID:
        return render(request, "requestformula/_results.html", context)
    return render(request, "requestformula/proposal.html", context)


def _county_rows(proposal: Proposal, compared: Proposal | None) -> list[dict[str, Any]]:
    saved = {line.county.pk: line.places for line in compared.counties} if compared else {}
    return [
        {
            "county": line.county,
            "places": line.places,
            "minors": line.minors,
            "requested_last_year": line.requested_last_year,
            "change_from_last_year": signed(line.change_from_last_year),
            "change_from_saved": signed(line.places - saved[line.county.pk]) if compared else "",
        }
        for line in proposal.counties
    ]


def _cover_text(year: int) -> str:
    draft = (
        SettlementRequest.objects.filter(year=year, state=SettlementRequest.State.DRAFT)
        .order_by("-pk")
        .first()
    )
    return draft.cover_text if draft is not None else ""


@require_POST
@keeps_input_on_expiry()
def national_numbers(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, Permission.REQUEST_FORMULA_MANAGE)
    year = _year(request)
    form = NationalNumbersForm(form_data(request))
    if form.is_valid():
        try:
            actions.save_national_numbers(
                by=request.user,
                year=year,
                places=form.cleaned_data["places"],
                minors=form.cleaned_data["unaccompanied_minors"],
            )
        except actions.FormulaError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request, _("De nasjonale tallene for %(year)s er lagret.") % {"year": year}
            )
            return redirect(_page_url(year))
    return render(
        request,
        "requestformula/national_numbers.html",
        {"year": year, "form": form, "breadcrumbs": _crumbs(year, _("Nasjonale tall"))},
    )


@require_POST
@keeps_input_on_expiry()
def prefill(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, Permission.REQUEST_FORMULA_MANAGE)
    require(request.user, Permission.REQUEST_MANAGE)
    year = _year(request)
    form = PrefillForm(form_data(request))
    national = NationalNumbers.objects.filter(year=year).first()
    saved = latest_formula()
    if form.is_valid():
        proposal, _compared, problem = _proposal(year, national, saved, saved)
        if proposal is None:
            form.add_error(None, problem)
        else:
            try:
                drafts = actions.prefill_requests(
                    by=request.user,
                    proposal=proposal,
                    deadline=form.cleaned_data["deadline"],
                    cover_text=form.cleaned_data["cover_text"],
                )
            except actions.FormulaError as error:
                form.add_error(None, error.message)
            except PlanningError as error:
                form.add_error(error.field, error.message)
            else:
                messages.success(
                    request,
                    _(
                        "Forberedelsestabellen er fylt ut fra formel versjon %(version)s for "
                        "%(count)s kommuner. Ingenting er sendt ennå."
                    )
                    % {"version": saved.version, "count": len(drafts)},
                )
                return redirect(reverse("planning:prepare") + f"?aar={year}")
    return render(
        request,
        "requestformula/prefill.html",
        {"year": year, "form": form, "breadcrumbs": _crumbs(year, _("Fyll ut anmodningene"))},
    )


def proposal_pdf(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The saved formula's proposal for the year, with its map, as PDF/A to publish."""
    require(request.user, Permission.REQUEST_FORMULA_MANAGE)
    year = _year(request)
    saved = latest_formula()
    national = NationalNumbers.objects.filter(year=year).first()
    if national is None:
        messages.error(request, _("Fyll inn de nasjonale tallene for året først."))
        return redirect(_page_url(year))
    proposal, _compared, problem = _proposal(year, national, saved, saved)
    if proposal is None:
        messages.error(request, problem)
        return redirect(_page_url(year))
    svg, description = proposal_map(proposal)
    pdf = render_pdf(
        "requestformula/pdf/proposal.html",
        {
            "proposal": proposal,
            "rows": rows(proposal),
            "map_src": svg_image_src(svg),
            "map_title": map_title(proposal),
            "map_description": description,
            "generated_at": timezone.localtime().strftime("%d.%m.%Y %H:%M"),
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="anmodningsforslag-{year}-formel-v{saved.version}.pdf"'
    )
    return response


def _crumbs(year: int, label: str) -> list[dict[str, Any]]:
    return [
        {"label": _("Formel for anmodninger %(year)s") % {"year": year}, "url": _page_url(year)},
        {"label": label, "url": None},
    ]
