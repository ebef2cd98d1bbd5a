"""The guides are public: they describe the system, hold no personal data, and the login page's
help must be readable before logging in."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .guides import GUIDES, GUIDES_BY_SLUG, current, guide_language
from .links import guides_for
from .search import search

MAX_QUERY_LENGTH = 200


@login_not_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    yours = {info.slug for info in guides_for(request)} if request.user.is_authenticated else set()
    guides = [(current(info.slug), info.slug in yours) for info in GUIDES]
    return render(request, "help/index.html", {"guides": guides})


@login_not_required
@require_GET
def guide(request: HttpRequest, slug: str) -> HttpResponse:
    if slug not in GUIDES_BY_SLUG:
        raise Http404
    return render(request, "help/guide.html", {"guide": current(slug)})


@login_not_required
@require_GET
def search_guides(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    hits = search(query, guide_language()) if query else []
    return render(request, "help/search.html", {"query": query, "hits": hits})
