"""The municipality registers and approves its decision; IMDi acknowledges it."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bosetting.accounts.http import AuthenticatedHttpRequest
from bosetting.accounts.permissions import Permission, require

from .. import actions
from ..forms import DecisionForm
from ..models import MunicipalDecision, SettlementRequest
from ..queries import get_decision_for, get_request_for
from .common import crumb, may_see_requests, own_requests_crumb
from .requests import difference_text


def decision_form(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The one draft of the request's decision: saved as a draft, or approved and sent to IMDi."""
    # The role first (403), then the object (404 for another municipality's), then both together.
    require(request.user, Permission.DECISION_REGISTER)
    settlement_request = get_request_for(request.user, pk)
    require(
        request.user, Permission.DECISION_REGISTER, municipality=settlement_request.municipality
    )
    if settlement_request.state == SettlementRequest.State.DRAFT:
        raise Http404
    draft = settlement_request.decisions.filter(state=MunicipalDecision.State.DRAFT).first()
    initial = {}
    if draft is not None:
        initial = {
            "places": draft.places,
            "takes_unaccompanied_minors": "ja" if draft.takes_unaccompanied_minors else "nei",
            "unaccompanied_minors": draft.unaccompanied_minors,
            "council_decided_on": draft.council_decided_on,
            "comment": draft.comment,
        }
    form = DecisionForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        # Approving binds the municipality, so it is reviewed first («Kontroller og send inn»).
        # The draft is saved on the way: an uploaded document cannot ride along in the review
        # page, and a draft binds no one.
        review = request.POST.get("action") == "approve"
        try:
            draft = actions.save_decision(
                by=request.user,
                request=settlement_request,
                for_review=review,
                **form.action_arguments(),
            )
        except actions.PlanningError as error:
            form.add_error(error.field, error.message)
        else:
            if review:
                return redirect("planning:decision_approve", pk=draft.pk)
            messages.success(
                request,
                _("Utkastet er lagret. Det er ikke sendt til IMDi før det er godkjent."),
            )
            return redirect("planning:request_detail", pk=settlement_request.pk)
    municipality = settlement_request.municipality
    return render(
        request,
        "planning/decision_form.html",
        {
            "req": settlement_request,
            "form": form,
            "draft": draft,
            "breadcrumbs": [
                own_requests_crumb(),
                crumb(
                    f"{municipality.name} {settlement_request.year}",
                    "planning:request_detail",
                    pk=settlement_request.pk,
                ),
                crumb(_("Registrer vedtak")),
            ],
        },
    )


@require_http_methods(["GET", "POST"])
def decision_approve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The draft as it will be sent to IMDi, for review («Kontroller og send inn»); only the
    post of «Send inn» approves it."""
    require(request.user, Permission.DECISION_REGISTER)
    decision = get_decision_for(request.user, pk)
    settlement_request = decision.request
    require(
        request.user, Permission.DECISION_REGISTER, municipality=settlement_request.municipality
    )
    if request.method == "POST":
        if request.POST.get("confirm") != "1":
            return redirect("planning:decision_approve", pk=decision.pk)
        try:
            actions.approve_decision(by=request.user, decision=decision)
        except actions.PlanningError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Vedtaket er godkjent og sendt til IMDi."))
        return redirect("planning:request_detail", pk=settlement_request.pk)
    try:
        actions.check_approvable(decision)
    except actions.PlanningError as error:
        messages.warning(request, error.message)
        if error.field == "document":
            return redirect("planning:decision_form", pk=settlement_request.pk)
        return redirect("planning:request_detail", pk=settlement_request.pk)
    current = (
        settlement_request.decisions.filter(
            state__in=[MunicipalDecision.State.APPROVED, MunicipalDecision.State.ACKNOWLEDGED]
        )
        .order_by("-approved_at")
        .first()
    )
    municipality = settlement_request.municipality
    return render(
        request,
        "planning/decision_review.html",
        {
            "req": settlement_request,
            "decision": decision,
            "current": current,
            "difference": difference_text(settlement_request.places, decision.places),
            "breadcrumbs": [
                own_requests_crumb(),
                crumb(
                    f"{municipality.name} {settlement_request.year}",
                    "planning:request_detail",
                    pk=settlement_request.pk,
                ),
                crumb(_("Kontroller vedtaket")),
            ],
        },
    )


def decision_document(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    may_see_requests(request.user)
    decision = get_decision_for(request.user, pk)
    if not decision.document:
        raise Http404
    settlement_request = decision.request
    return FileResponse(
        decision.document.open("rb"),
        as_attachment=True,
        filename=f"vedtak-{settlement_request.year}-{settlement_request.municipality.number}.pdf",
        content_type="application/pdf",
    )


def decision_acknowledge(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require(request.user, Permission.REQUEST_MANAGE)
    decision = get_decision_for(request.user, pk)
    if request.method != "POST":
        return redirect("planning:request_detail", pk=decision.request_id)
    try:
        actions.acknowledge_decision(by=request.user, decision=decision)
    except actions.PlanningError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Vedtaket fra %(municipality)s er kvittert ut.")
            % {"municipality": decision.request.municipality.name},
        )
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("planning:request_detail", pk=decision.request_id)
