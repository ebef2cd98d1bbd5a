"""IMDi's distribution plans: start a run, follow it while the task worker solves it, review the
plan per municipality and per case, move a case with a reason, and make draft proposals."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRefresh

from bosetting.accounts.http import AuthenticatedHttpRequest
from bosetting.accounts.kept_input import form_data, keeps_input_on_expiry
from bosetting.core.maps.choropleth import ValueKind, choropleth_svg, format_value
from bosetting.distribution.views.common import crumb, work_list_crumb
from bosetting.organisations.models import Municipality

from . import actions
from .errors import MatchingError
from .fairness import fairness
from .forms import MoveForm, PlanStartForm
from .models import PlanRun
from .problem import WEIGHT_LABELS
from .queries import (
    PlanResult,
    get_assignment_for,
    get_run_for,
    move_choices,
    plan_result,
    runs_for,
)

PROGRESS_ID = "plan-progress"
RECENT_RUNS = 10
# Class limits of the fill share after the plan: under half, half, three quarters, nine in ten, full.
FILL_BOUNDS = (0.5, 0.75, 0.9, 1.0)


def _plans_crumb() -> dict[str, Any]:
    return crumb(_("Fordelingsforslag"), "matching:start")


@keeps_input_on_expiry()
@require_http_methods(["GET", "POST"])
def start(request: AuthenticatedHttpRequest) -> HttpResponse:
    runs = list(runs_for(request.user)[:RECENT_RUNS])
    form = PlanStartForm(form_data(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            run = actions.start_plan_run(by=request.user, **form.action_arguments())
        except MatchingError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Forslaget beregnes nå."))
            return redirect("matching:run", pk=run.pk)
    return render(
        request,
        "matching/start.html",
        {
            "form": form,
            "runs": runs,
            "breadcrumbs": [work_list_crumb(), crumb(_("Fordelingsforslag"))],
        },
    )


def run_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    run = get_run_for(request.user, pk)
    polling = request.htmx and request.htmx.target == PROGRESS_ID
    overdue = run.is_overdue()
    if polling and (overdue or run.state not in (PlanRun.State.QUEUED, PlanRun.State.RUNNING)):
        # Finished (or given up): the whole page replaces the progress box.
        return HttpResponseClientRefresh()
    context: dict[str, Any] = {
        "run": run,
        "overdue": overdue,
        "progress_id": PROGRESS_ID,
        "breadcrumbs": [
            work_list_crumb(),
            _plans_crumb(),
            crumb(_("Forslag %(pk)s") % {"pk": run.pk}),
        ],
    }
    if polling:
        return render(request, "matching/_progress.html", context)
    if run.state == PlanRun.State.DONE:
        context |= _result_context(plan_result(run))
    return render(request, "matching/run.html", context)


def _result_context(result: PlanResult) -> dict[str, Any]:
    values = result.fill_shares()
    title = _("Andel av plassene i bruk etter forslaget")
    legend = _("Andel i bruk")
    return {
        "result": result,
        "fairness": fairness(result),
        "map_svg": choropleth_svg(
            values, title=title, legend_label=legend, bounds=FILL_BOUNDS, map_id="kart-forslag"
        ),
        "map_title": title,
        "gap_text": format_value(result.run.gap or 0.0, ValueKind.PERCENT),
        "weights": [
            (label, result.run.weights.get(name, 0.0)) for name, label in WEIGHT_LABELS.items()
        ],
        "can_change": result.run.proposals_made_at is None,
    }


@keeps_input_on_expiry()
@require_http_methods(["GET", "POST"])
def move(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """One case's move, on its own page: a select of every municipality on each row of a plan
    of hundreds of cases would make the result page megabytes long."""
    assignment = get_assignment_for(request.user, pk)
    run = assignment.run
    choices = [
        (number, _("%(name)s (%(free)s ledige etter forslaget)") % {"name": name, "free": free})
        for number, name, free in move_choices(run)
    ]
    form = MoveForm(form_data(request), choices=choices)
    if request.method == "POST" and form.is_valid():
        number = form.cleaned_data["municipality"]
        municipality = Municipality.objects.filter(number=number).first() if number else None
        try:
            actions.move_assignment(
                by=request.user,
                assignment=assignment,
                municipality=municipality,
                reason=form.cleaned_data["reason"],
            )
        except MatchingError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request, _("Sak %(case)s er flyttet.") % {"case": assignment.case.reference}
            )
            return redirect(
                f"{reverse('matching:run', kwargs={'pk': run.pk})}#plassering-{assignment.pk}"
            )
    return render(
        request,
        "matching/move.html",
        {
            "assignment": assignment,
            "run": run,
            "form": form,
            "breadcrumbs": [
                work_list_crumb(),
                _plans_crumb(),
                crumb(_("Forslag %(pk)s") % {"pk": run.pk}, "matching:run", pk=run.pk),
                crumb(_("Flytt sak %(case)s") % {"case": assignment.case.reference}),
            ],
        },
    )


@require_POST
def make_proposals(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    run = get_run_for(request.user, pk)
    try:
        proposals = actions.make_draft_proposals(by=request.user, run=run)
    except MatchingError as error:
        messages.error(request, error.message)
        return redirect("matching:run", pk=run.pk)
    messages.success(
        request,
        _(
            "%(count)s utkast til forespørsler er laget. Ingenting er sendt: se over og send "
            "hver forespørsel fra arbeidslisten."
        )
        % {"count": len(proposals)},
    )
    return redirect("distribution:work_list")


@require_POST
def restart(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    run = get_run_for(request.user, pk)
    try:
        again = actions.restart_plan_run(by=request.user, run=run)
    except MatchingError as error:
        messages.error(request, error.message)
        return redirect("matching:run", pk=run.pk)
    messages.success(
        request,
        _("Forslag %(old)s er startet på nytt som forslag %(new)s.")
        % {"old": run.pk, "new": again.pk},
    )
    return redirect("matching:run", pk=again.pk)
