"""The municipality's proposals and its answers, case by case, seeing anonymised summaries only."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bosetting.accounts.http import AuthenticatedHttpRequest
from bosetting.accounts.kept_input import form_data, keeps_input_on_expiry
from bosetting.accounts.permissions import Permission, require
from bosetting.cases.queries import person_file_opens
from bosetting.cases.summary import anonymised_summary, summary_from_members

from .. import actions
from ..forms import ANSWER_CHOICES, AnswerForm, ProposalListForm
from ..models import Proposal, ProposedCase
from ..queries import get_proposal_for, own_proposals, proposal_cases
from .common import crumb, own_proposals_crumb

PROPOSALS_PER_PAGE = 25


def proposal_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, Permission.PROPOSAL_ANSWER)
    filters = ProposalListForm(request.GET or None)
    options = filters.query_arguments() if filters.is_bound else {}
    page = Paginator(own_proposals(request.user, **options), PROPOSALS_PER_PAGE).get_page(
        request.GET.get("side")
    )
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "distribution/proposal_list.html",
        {
            "filters": filters,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2),
            "ellipsis": Paginator.ELLIPSIS,
            "query": query.urlencode(),
            "today": timezone.localdate(),
            "breadcrumbs": [crumb(_("Forespørsler"))],
        },
    )


@keeps_input_on_expiry()
@require_http_methods(["GET", "POST"])
def answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A no with its reason is saved at once. A yes binds the municipality, so it is shown for
    review first, as «Kontroller og send inn»: «Send inn» saves it, «Tilbake og endre» returns
    to the page with the choice as it was."""
    require(request.user, Permission.PROPOSAL_ANSWER)
    proposal = get_proposal_for(request.user, pk)
    require(request.user, Permission.PROPOSAL_ANSWER, municipality=proposal.municipality)
    # The POST, or an answer posted after the session expired and given back after login.
    data = form_data(request)
    if data is None:
        return _page(request, proposal, None)
    try:
        proposed_pk = int(data.get("case", ""))
    except ValueError:
        raise Http404 from None
    proposed = ProposedCase.objects.filter(pk=proposed_pk, proposal=proposal).first()
    if proposed is None:
        raise Http404
    proposed.proposal = proposal
    form = AnswerForm(data, prefix=f"c{proposed.pk}")
    if request.method != "POST":
        return _page(request, proposal, (proposed.pk, form))  # given back: shown, not saved
    if form.is_valid():
        cleaned = form.cleaned_data
        accept = cleaned["answer"] == "ja"
        if accept and "back" in request.POST:
            return _page(request, proposal, (proposed.pk, form), status=200)
        if accept and request.POST.get("confirm") != "1":
            return _review(request, proposal, proposed, form)
        try:
            actions.answer_case(
                by=request.user,
                proposed_case=proposed,
                accept=accept,
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
    return _page(request, proposal, (proposed.pk, form), status=400)


def _review(
    request: AuthenticatedHttpRequest,
    proposal: Proposal,
    proposed: ProposedCase,
    form: AnswerForm,
) -> HttpResponse:
    """What will be answered, for which case, before it binds; nothing is saved here."""
    refusal = actions.answer_refusal(proposed)
    if refusal is not None:
        messages.warning(request, refusal)
        return redirect("distribution:answer", pk=proposal.pk)
    return render(
        request,
        "distribution/answer_review.html",
        {
            "proposal": proposal,
            "proposed": proposed,
            "form": form,
            "summary": anonymised_summary(proposed.case),
            "answer_label": dict(ANSWER_CHOICES)["ja"],
            "breadcrumbs": [
                own_proposals_crumb(),
                crumb(proposal.reference, "distribution:answer", pk=proposal.pk),
                crumb(_("Kontroller svaret")),
            ],
        },
    )


def _page(
    request: AuthenticatedHttpRequest,
    proposal: Proposal,
    posted: tuple[int, AnswerForm] | None,
    *,
    status: int = 200,
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
