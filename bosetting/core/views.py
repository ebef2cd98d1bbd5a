from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from bosetting.accounts.permissions import access_state
from bosetting.accounts.queries import current_agreement
from bosetting.reports.dashboards import dashboard_for


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    state = access_state(request.user)  # type: ignore[arg-type]
    return render(
        request,
        "core/home.html",
        {
            "agreement_missing": not state.agreement_in_force,
            "current_agreement": current_agreement() if not state.agreement_in_force else None,
            # The figures the user's role works with (reports/dashboards.py).
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
