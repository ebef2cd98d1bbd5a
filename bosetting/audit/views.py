"""The audit log search and its CSV export. Both start from `events_visible_to(user)`."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from bosetting.accounts.http import AuthenticatedHttpRequest
from bosetting.accounts.permissions import Permission, require, scope_for

from .exports import EXPORT_LIMIT, csv_lines, export_filename
from .forms import EventSearchForm
from .queries import event_page, events_visible_to, filter_events, object_type_labels

# The element (search form and results) that the form and the page links swap when htmx is present.
RESULTS_ID = "hendelsessok"
_CURSORS = ("older_than", "newer_than")


@require_GET
def event_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, Permission.AUDIT_LOG_VIEW)
    form = EventSearchForm(
        request.GET or None,
        show_municipality=scope_for(request.user, Permission.AUDIT_LOG_VIEW).everything,
    )
    page = None
    if not form.is_bound or form.is_valid():
        events = events_visible_to(request.user)
        if form.is_bound:
            events = filter_events(events, form.filters())
        page = event_page(
            events,
            older_than=_cursor(request.GET, "older_than"),
            newer_than=_cursor(request.GET, "newer_than"),
        )
        labels = object_type_labels()
        for event in page.events:
            event.object_type_label = labels.get(event.object_type, event.object_type)  # type: ignore[attr-defined]
    search = _search_query(request.GET)
    list_url = reverse("audit:event_list")
    context: dict[str, Any] = {
        "form": form,
        "page": page,
        "results_id": RESULTS_ID,
        "first_url": _with_query(list_url, search),
        "newer_url": _page_url(list_url, search, "newer_than", page.newer_than if page else None),
        "older_url": _page_url(list_url, search, "older_than", page.older_than if page else None),
        "export_url": _with_query(reverse("audit:event_export"), search),
        "is_filtered": bool(search),
        "export_limit": f"{EXPORT_LIMIT:,}".replace(",", "\N{NO-BREAK SPACE}"),
        "breadcrumbs": [{"label": _("Hendelseslogg"), "url": None}],
    }
    if request.htmx and request.htmx.target == RESULTS_ID:
        return render(request, "audit/_event_search.html", context)
    return render(request, "audit/event_list.html", context)


@require_GET
def event_export(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    require(request.user, Permission.AUDIT_LOG_VIEW)
    form = EventSearchForm(
        request.GET or None,
        show_municipality=scope_for(request.user, Permission.AUDIT_LOG_VIEW).everything,
    )
    events = events_visible_to(request.user)
    if form.is_bound:
        if not form.is_valid():
            # The export link is made from a valid search; a hand-edited one goes back to the form.
            return render(
                request,
                "audit/event_list.html",
                {"form": form, "page": None, "results_id": RESULTS_ID},
                status=400,
            )
        events = filter_events(events, form.filters())
    response = StreamingHttpResponse(csv_lines(events), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export_filename()}"'
    return response


def _cursor(query: QueryDict, name: str) -> int | None:
    value = query.get(name, "")
    return int(value) if value.isdigit() else None


def _search_query(query: QueryDict) -> str:
    """The search as a query string, without the page cursor and without empty fields."""
    search = query.copy()
    for name in _CURSORS:
        search.pop(name, None)
    for name in list(search):
        if not any(search.getlist(name)):
            search.pop(name)
    return search.urlencode()


def _page_url(list_url: str, search: str, cursor: str, value: int | None) -> str | None:
    if value is None:
        return None
    return _with_query(list_url, f"{search}&{cursor}={value}" if search else f"{cursor}={value}")


def _with_query(url: str, query: str) -> str:
    return f"{url}?{query}" if query else url
