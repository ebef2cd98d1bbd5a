"""The request letters of a year as the task worker makes them (ADR 15): progress, and «Lag
brevet på nytt» for a letter it could not make."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bosetting.accounts.http import AuthenticatedHttpRequest
from bosetting.accounts.permissions import Permission, require
from bosetting.letters.models import LetterState

from .. import actions
from ..forms import YearCountyForm
from ..models import SettlementRequestVersion
from ..queries import get_version_for
from .common import crumb, overview_crumb, this_year

PROGRESS_ID = "letter-progress"


def _year(request: AuthenticatedHttpRequest) -> int:
    form = YearCountyForm(request.GET or None, initial={"aar": this_year()})
    if form.is_bound and form.is_valid():
        year: int = form.cleaned_data["aar"]
        return year
    return this_year()


def progress_url(year: int) -> str:
    return reverse("planning:letter_progress") + f"?aar={year}"


def letter_progress(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, Permission.REQUEST_MANAGE)
    year = _year(request)
    versions = SettlementRequestVersion.objects.filter(request__year=year)
    counts = {
        row["letter_state"]: row["count"]
        for row in versions.values("letter_state").annotate(count=Count("pk"))
    }
    failed = list(
        versions.filter(letter_state=LetterState.FAILED)
        .select_related("request__municipality")
        .order_by("request__municipality__number", "number")
    )
    context = {
        "year": year,
        "progress_id": PROGRESS_ID,
        "total": sum(counts.values()),
        "ready": counts.get(LetterState.READY, 0),
        "pending": counts.get(LetterState.PENDING, 0),
        "failed": failed,
        "breadcrumbs": [overview_crumb(year), crumb(_("Anmodningsbrev"))],
    }
    if request.htmx and request.htmx.target == PROGRESS_ID:
        return render(request, "planning/includes/letter_progress.html", context)
    return render(request, "planning/letter_progress.html", context)


@require_POST
def make_letter_again(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require(request.user, Permission.REQUEST_MANAGE)
    version = get_version_for(request.user, pk)
    try:
        actions.make_request_letter_again(by=request.user, version=version)
    except actions.PlanningError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Brevet til %(municipality)s lages på nytt.")
            % {"municipality": version.request.municipality.name},
        )
    return redirect(progress_url(version.request.year))
