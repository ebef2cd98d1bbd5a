"""The municipality's proposals and its answers, case by case, seeing anonymised summaries only."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bosetting.accounts.http import AuthenticatedHttpRequest
from bosetting.accounts.kept_input import form_data, keeps_input_on_expiry
from bosetting.accounts.permissions import Permission, require
from bosetting.cases.queries import person_file_opens
from bosetting.cases.summary import summary_from_members

from .. import actions
from ..forms import AnswerForm
from ..models import Proposal, ProposedCase
from ..queries import get_proposal_for, own_proposals, proposal_cases
from .common import crumb, own_proposals_crumb


def proposal_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, Permission.PROPOSAL_ANSWER)
    return render(
        request,
        "distribution/proposal_list.html",
        {
            "proposals": list(own_proposals(request.user)),
            "breadcrumbs": [crumb(_("Forespørsler"))],
        },
    )


@keeps_input_on_expiry()
@require_http_methods(["GET", "POST"])
def answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require(request.user, Permission.PROPOSAL_ANSWER)
    proposal = get_proposal_for(request.user, pk)
    require(request.user, Permission.PROPOSAL_ANSWER, municipality=proposal.municipality)
    # The POST, or an answer posted after the session expired and given back after login.
    data = form_data(request)
    posted: tuple[int, AnswerForm] | None = None
    if data is not None:
        try:
            proposed_pk = int(data.get("case", ""))
        except ValueError:
            raise Http404 from None
        proposed = ProposedCase.objects.filter(pk=proposed_pk, proposal=proposal).first()
        if proposed is None:
            raise Http404
        proposed.proposal = proposal
        form = AnswerForm(data, prefix=f"c{proposed.pk}")
        if request.method == "POST" and form.is_valid():
            cleaned = form.cleaned_data
            try:
                actions.answer_case(
                    by=request.user,
                    proposed_case=proposed,
                    accept=cleaned["answer"] == "ja",
                    reason=cleaned["reason"],
                    comment=cleaned["comment"],
                )
            except actions.DistributionError as error:
                if error.field in ("reason", "comment"):
                    form.add_error(error.field, error.message)
                else:
                    # Someone else answered first, or the deadline passed: say so plainly.
                    messages.warning(request, error.message)
                    return redirect("distribution:answer", pk=proposal.pk)
            else:
                messages.success(
                    request,
                    _("Svaret på sak %(case)s er lagret.") % {"case": f"{proposed.case_id:06d}"},
                )
                return redirect("distribution:answer", pk=proposal.pk)
        posted = (proposed.pk, form)
    return _page(request, proposal, posted, status=400 if request.method == "POST" else 200)


def _page(
    request: AuthenticatedHttpRequest,
    proposal: Proposal,
    posted: tuple[int, AnswerForm] | None,
    *,
    status: int,
) -> HttpResponse:
    today = timezone.localdate()
    open_for_answers = proposal.state == Proposal.State.SENT and proposal.deadline >= today
    user: Any = request.user
    items = proposal_cases(proposal)
    for item in items:
        item.summary = summary_from_members(item.case, item.case.member_list, today=today)  # type: ignore[attr-defined]
        if posted is not None and posted[0] == item.pk:
            item.form = posted[1]  # type: ignore[attr-defined]
        else:
            item.form = AnswerForm(prefix=f"c{item.pk}")  # type: ignore[attr-defined]
        # The person file opens only after yes and IMDi's decision (cases_visible_to).
        item.file_open = person_file_opens(user, item.case)  # type: ignore[attr-defined]
    pending = sum(1 for item in items if item.answer == ProposedCase.Answer.PENDING)
    return render(
        request,
        "distribution/answer.html",
        {
            "proposal": proposal,
            "items": items,
            "pending": pending,
            "open_for_answers": open_for_answers,
            "breadcrumbs": [own_proposals_crumb(), crumb(proposal.reference)],
        },
        status=status,
    )
