"""The settlement decisions' letters as the task worker makes them (ADR 15): progress, and «Lag
brevet på nytt» for a letter it could not make."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bosetting.accounts.http import AuthenticatedHttpRequest
from bosetting.accounts.permissions import Permission, require
from bosetting.letters.models import LetterState

from ..actions import DistributionError, make_decision_letter_again
from ..models import DecisionLetter
from ..queries import get_letter_for
from .common import crumb, work_list_crumb

PROGRESS_ID = "letter-progress"


def letter_progress(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Today's letters, and every letter still waiting or failed whenever it was decided."""
    require(request.user, Permission.SETTLEMENT_DECIDE)
    today = DecisionLetter.objects.filter(created_at__date=timezone.localdate())
    counts = {
        row["state"]: row["count"] for row in today.values("state").annotate(count=Count("pk"))
    }
    pending = DecisionLetter.objects.filter(state=LetterState.PENDING).count()
    failed = list(
        DecisionLetter.objects.filter(state=LetterState.FAILED)
        .select_related("decision__case", "decision__municipality")
        .order_by("decision__case_id", "recipient", "language")
    )
    context = {
        "progress_id": PROGRESS_ID,
        "total": sum(counts.values()),
        "ready": counts.get(LetterState.READY, 0),
        "pending": pending,
        "failed": failed,
        "breadcrumbs": [
            work_list_crumb(),
            crumb(_("Vedtak om bosettingskommune"), "distribution:decide"),
            crumb(_("Vedtaksbrev")),
        ],
    }
    if request.htmx and request.htmx.target == PROGRESS_ID:
        return render(request, "distribution/_letter_progress.html", context)
    return render(request, "distribution/letter_progress.html", context)


@require_POST
def make_letter_again(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require(request.user, Permission.SETTLEMENT_DECIDE)
    letter = get_letter_for(request.user, pk)
    try:
        make_decision_letter_again(by=request.user, letter=letter)
    except DistributionError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Vedtaksbrevet for sak %(case)s lages på nytt.")
            % {"case": letter.decision.case.reference},
        )
    return redirect("distribution:letter_progress")
