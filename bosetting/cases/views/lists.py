"""The case list with filters and sorting, and the person search (POST only: the term never
enters a URL). One list for everyone who works with cases, each seeing the cases they reach
(cases_visible_to): IMDi every case, a reception centre its residents' households, a
municipality its matched and settled households."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bosetting.accounts.http import AuthenticatedHttpRequest
from bosetting.accounts.permissions import Permission, has_permission, require, scope_for

from .. import actions
from ..forms import CaseFilterForm, SearchForm
from ..queries import case_list as scoped_case_list
from ..queries import search_persons
from .common import crumb

CASES_PER_PAGE = 25


@require_http_methods(["GET", "POST"])
def case_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, Permission.CASE_VIEW)
    scope = scope_for(request.user, Permission.CASE_VIEW)
    filters = CaseFilterForm(request.GET or None, scope=scope)
    options = filters.query_arguments() if filters.is_bound else {}
    page = Paginator(scoped_case_list(request.user, **options), CASES_PER_PAGE).get_page(
        request.GET.get("side")
    )
    search = SearchForm(request.POST if request.method == "POST" else None)
    result = None
    if request.method == "POST" and search.is_valid():
        result = search_persons(request.user, search.cleaned_data["term"])
        actions.record_search(by=request.user, kind=result.kind, result_count=len(result.persons))
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "cases/case_list.html",
        {
            "filters": filters,
            "search": search,
            "result": result,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2),
            "ellipsis": Paginator.ELLIPSIS,
            "query": query.urlencode(),
            "can_register": has_permission(request.user, Permission.CASE_REGISTER),
            "municipal_households": scope.municipality_id is not None,
            "breadcrumbs": [crumb(_("Saker"))],
        },
    )
