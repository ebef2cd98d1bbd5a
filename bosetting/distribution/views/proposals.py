"""IMDi's page of one proposal: its cases with identities and answers; send, remove, withdraw."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bosetting.accounts.http import AuthenticatedHttpRequest
from bosetting.accounts.permissions import Permission, has_permission, require

from .. import actions
from ..forms import SendForm, WithdrawForm
from ..models import Proposal, ProposedCase
from ..queries import (
    free_places,
    get_proposal_for,
    get_proposed_case_for,
    persons_in_proposal,
    proposal_cases,
)
from .common import crumb, work_list_crumb


def _page(
    request: AuthenticatedHttpRequest,
    proposal: Proposal,
    *,
    send_form: SendForm | None = None,
    withdraw_forms: dict[int, WithdrawForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    items = proposal_cases(proposal)
    withdraw_forms = withdraw_forms or {}
    for item in items:
        item.withdraw_form = withdraw_forms.get(item.pk) or WithdrawForm(prefix=f"w{item.pk}")  # type: ignore[attr-defined]
    warning = actions.capacity_warning(proposal) if proposal.state == Proposal.State.DRAFT else ""
    return render(
        request,
        "distribution/proposal_detail.html",
        {
            "proposal": proposal,
            "items": items,
            "persons": persons_in_proposal(proposal),
            "places": free_places(proposal.municipality, proposal.deadline.year),
            "capacity_warning": warning,
            "send_form": send_form or SendForm(),
            "can_manage": has_permission(request.user, Permission.PROPOSAL_MANAGE),
            "can_decide": has_permission(request.user, Permission.SETTLEMENT_DECIDE),
            "breadcrumbs": [work_list_crumb(), crumb(proposal.reference)],
        },
        status=status,
    )


def proposal_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require(request.user, Permission.PROPOSAL_MANAGE)
    return _page(request, get_proposal_for(request.user, pk))


@require_POST
def proposal_send(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require(request.user, Permission.PROPOSAL_MANAGE)
    proposal = get_proposal_for(request.user, pk)
    form = SendForm(request.POST)
    form.is_valid()
    try:
        actions.send_proposal(
            by=request.user,
            proposal=proposal,
            confirm_over_capacity=form.cleaned_data.get("confirm_over_capacity", False),
        )
    except actions.DistributionError as error:
        if error.field is None:
            messages.error(request, error.message)
            return redirect("distribution:proposal_detail", pk=proposal.pk)
        form.add_error(
            error.field if error.field == "confirm_over_capacity" else None, error.message
        )
        return _page(request, proposal, send_form=form, status=400)
    messages.success(
        request,
        _("%(proposal)s er sendt til %(municipality)s.")
        % {"proposal": proposal.reference, "municipality": proposal.municipality.name},
    )
    return redirect("distribution:proposal_detail", pk=proposal.pk)


@require_POST
def proposal_remove_case(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require(request.user, Permission.PROPOSAL_MANAGE)
    proposed = get_proposed_case_for(request.user, pk)
    try:
        actions.remove_case(by=request.user, proposed_case=proposed)
    except actions.DistributionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Saken er fjernet fra utkastet."))
    return redirect("distribution:proposal_detail", pk=proposed.proposal_id)


@require_POST
def proposal_withdraw_case(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require(request.user, Permission.PROPOSAL_MANAGE)
    proposed: ProposedCase = get_proposed_case_for(request.user, pk)
    form = WithdrawForm(request.POST, prefix=f"w{proposed.pk}")
    if form.is_valid():
        try:
            actions.withdraw_case(
                by=request.user, proposed_case=proposed, reason=form.cleaned_data["reason"]
            )
        except actions.DistributionError as error:
            form.add_error("reason" if error.field == "reason" else None, error.message)
        else:
            messages.success(
                request,
                _("Sak %(case)s er trukket tilbake og klar for bosetting igjen.")
                % {"case": proposed.case.reference},
            )
            return redirect("distribution:proposal_detail", pk=proposed.proposal_id)
    return _page(request, proposed.proposal, withdraw_forms={proposed.pk: form}, status=400)
