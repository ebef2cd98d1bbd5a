"""IMDi's work list: ready cases with filters beside the municipalities' free places; the
selection goes into a new proposal or an open one."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bosetting.accounts.http import AuthenticatedHttpRequest
from bosetting.accounts.permissions import Permission, require

from .. import actions
from ..forms import ProposalBuildForm, WorkListFilterForm
from ..models import Proposal
from ..queries import places_table
from ..queries import work_list as ready_cases
from ..work_list_rows import work_list_rows
from .common import crumb

CASES_PER_PAGE = 25


@require_http_methods(["GET", "POST"])
def work_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, Permission.PROPOSAL_MANAGE)
    build = ProposalBuildForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and build.is_valid():
        data = build.cleaned_data
        try:
            if data["proposal"] is not None:
                proposal = data["proposal"]
                actions.add_cases(by=request.user, proposal=proposal, cases=data["cases"])
            else:
                proposal = actions.create_proposal(
                    by=request.user,
                    municipality=data["municipality"],
                    cases=data["cases"],
                    deadline=data["deadline"],
                    message=data["message"],
                )
        except actions.DistributionError as error:
            build.add_error(error.field if error.field in build.fields else None, error.message)
        else:
            messages.success(
                request,
                _("Sakene er lagt i %(proposal)s.") % {"proposal": proposal.reference},
            )
            return redirect("distribution:proposal_detail", pk=proposal.pk)
    filters = WorkListFilterForm(request.GET or None)
    options = filters.query_arguments() if filters.is_valid() else {}
    today = timezone.localdate()
    page = Paginator(ready_cases(today=today, **options), CASES_PER_PAGE).get_page(
        request.GET.get("side")
    )
    rows = work_list_rows(page.object_list, today=today)
    query = request.GET.copy()
    query.pop("side", None)
    selected = {str(pk) for pk in request.POST.getlist("cases")}
    return render(
        request,
        "distribution/work_list.html",
        {
            "filters": filters,
            "build": build,
            "page": page,
            "rows": rows,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2),
            "ellipsis": Paginator.ELLIPSIS,
            "query": query.urlencode(),
            "selected": selected,
            "today": today,
            "year": today.year,
            "places": list(places_table(today.year)),
            "open_proposals": list(
                Proposal.objects.filter(state__in=[Proposal.State.DRAFT, Proposal.State.SENT])
                .select_related("municipality")
                .order_by("deadline", "pk")[:50]
            ),
            "breadcrumbs": [crumb(_("Fordeling"))],
        },
    )
