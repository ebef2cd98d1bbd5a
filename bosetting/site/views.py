from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from bosetting.accounts.permissions import agreement_missing
from bosetting.organisations.agreements import current_agreement
from bosetting.reports.dashboards import dashboard_for
from bosetting.reports.work_queue import work_queue_for


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    missing = agreement_missing(request.user)
    return render(
        request,
        "site/home.html",
        {
            "agreement_missing": missing,
            "current_agreement": current_agreement() if missing else None,
            # What waits for the user («Mine oppgaver», reports/work_queue), then the figures
            # the user's role works with (reports/dashboards.py).
            "work_queue": work_queue_for(request.user),
            **dashboard_for(request.user),
        },
    )


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@login_not_required
def permission_denied(request: HttpRequest, exception: Any = None) -> HttpResponse:
    reason = str(exception) if exception and str(exception) else None
    return render(request, "403.html", {"reason": reason}, status=403)


@login_not_required
def page_not_found(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return render(request, "404.html", status=404)
