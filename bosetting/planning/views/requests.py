"""A municipality's requests; one request with its versions and decisions; letters; adjustment."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bosetting.accounts.http import AuthenticatedHttpRequest
from bosetting.accounts.permissions import Permission, has_permission, require, scope_for
from bosetting.letters.models import LetterState

from .. import actions
from ..forms import AdjustForm
from ..models import MunicipalDecision, SettlementRequest, SettlementRequestVersion
from ..queries import (
    decision_parts,
    get_request_for,
    get_version_for,
    requests_with_history,
)
from .common import crumb, may_see_requests, overview_crumb, own_requests_crumb, this_year


def difference_text(requested: int, decided: int) -> str:
    """The decision against the request, said plainly."""
    difference = decided - requested
    if difference > 0:
        return ngettext(
            "Vedtaket er %(count)s flere enn anmodningen.",
            "Vedtaket er %(count)s flere enn anmodningen.",
            difference,
        ) % {"count": difference}
    if difference < 0:
        return ngettext(
            "Vedtaket er %(count)s færre enn anmodningen.",
            "Vedtaket er %(count)s færre enn anmodningen.",
            -difference,
        ) % {"count": -difference}
    return _("Vedtaket er like mange som anmodningen.")


@dataclass(frozen=True)
class Entry:
    request: SettlementRequest
    latest_version: SettlementRequestVersion | None
    current: MunicipalDecision | None
    draft: MunicipalDecision | None
    difference: str


def request_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, Permission.REQUEST_VIEW)
    year = this_year()
    entries = []
    for settlement_request in requests_with_history(request.user):
        current, draft, _replaced = decision_parts(settlement_request, include_drafts=True)
        entries.append(
            Entry(
                request=settlement_request,
                latest_version=next(iter(settlement_request.versions.all()), None),
                current=current,
                draft=draft,
                difference=difference_text(settlement_request.places, current.places)
                if current
                else "",
            )
        )
    return render(
        request,
        "planning/request_list.html",
        {
            "year": year,
            "current_entries": [e for e in entries if e.request.year >= year],
            "history_entries": [e for e in entries if e.request.year < year],
            "breadcrumbs": [crumb(_("Anmodninger"))],
        },
    )


def request_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    may_see_requests(request.user)
    settlement_request = get_request_for(request.user, pk)
    settlement_request = requests_with_history(request.user).get(pk=settlement_request.pk)
    municipality = settlement_request.municipality
    # IMDi sees a decision once approved; the municipality sees its own draft too.
    imdi_view = scope_for(request.user, Permission.PLANNING_OVERVIEW_VIEW).everything
    current, draft, replaced = decision_parts(settlement_request, include_drafts=not imdi_view)
    can_register = (
        has_permission(request.user, Permission.DECISION_REGISTER, municipality=municipality)
        and settlement_request.state != SettlementRequest.State.DRAFT
    )
    can_manage = has_permission(request.user, Permission.REQUEST_MANAGE)
    breadcrumbs = [overview_crumb(settlement_request.year)] if imdi_view else [own_requests_crumb()]
    breadcrumbs.append(crumb(f"{municipality.name} {settlement_request.year}"))
    return render(
        request,
        "planning/request_detail.html",
        {
            "req": settlement_request,
            "municipality": municipality,
            "versions": list(settlement_request.versions.all()),
            "current": current,
            "draft": draft,
            "replaced": replaced,
            "difference": difference_text(settlement_request.places, current.places)
            if current
            else "",
            "can_register": can_register,
            # The formula's proposal and the reason for a deviation are IMDi's working notes.
            "imdi_view": imdi_view,
            "can_adjust": can_manage and settlement_request.state != SettlementRequest.State.DRAFT,
            "can_acknowledge": can_manage
            and current is not None
            and current.state == MunicipalDecision.State.APPROVED,
            "breadcrumbs": breadcrumbs,
        },
    )


def letter_download(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    may_see_requests(request.user)
    version = get_version_for(request.user, pk)
    if version.letter_state != LetterState.READY:
        raise Http404  # not made yet, or failed: the request's page says which
    actions.record_letter_download(by=request.user, version=version)
    settlement_request = version.request
    return FileResponse(
        version.letter.open("rb"),
        as_attachment=True,
        filename=(
            f"anmodning-{settlement_request.year}-{settlement_request.municipality.number}"
            f"-versjon-{version.number}.pdf"
        ),
        content_type="application/pdf",
    )


def adjust(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require(request.user, Permission.REQUEST_MANAGE)
    settlement_request = get_request_for(request.user, pk)
    form = AdjustForm(
        request.POST or None,
        initial={
            "places": settlement_request.places,
            "unaccompanied_minors": settlement_request.unaccompanied_minors,
            "planning_number_next_year": settlement_request.planning_number_next_year,
            "deadline": settlement_request.deadline,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            version = actions.adjust_request(
                by=request.user, request=settlement_request, **form.cleaned_data
            )
        except actions.PlanningError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request,
                _("Anmodningen er justert (versjon %(version)s), og kommunen er varslet.")
                % {"version": version.number},
            )
            return redirect("planning:request_detail", pk=settlement_request.pk)
    municipality = settlement_request.municipality
    return render(
        request,
        "planning/adjust.html",
        {
            "req": settlement_request,
            "form": form,
            "breadcrumbs": [
                overview_crumb(settlement_request.year),
                crumb(
                    f"{municipality.name} {settlement_request.year}",
                    "planning:request_detail",
                    pk=settlement_request.pk,
                ),
                crumb(_("Juster anmodning")),
            ],
        },
    )
