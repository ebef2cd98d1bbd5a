"""IMDi's settlement decisions for accepted cases, and the download of their letters."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bosetting.accounts.http import AuthenticatedHttpRequest
from bosetting.accounts.permissions import Permission, require
from bosetting.letters.models import LetterState

from ..actions import DistributionError, decide_settlement, record_letter_download
from ..forms import DecideForm
from ..queries import accepted_undecided, get_letter_for
from .common import crumb, work_list_crumb


@require_http_methods(["GET", "POST"])
def decide(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, Permission.SETTLEMENT_DECIDE)
    form = DecideForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            decisions = decide_settlement(
                by=request.user,
                proposed_cases=form.cleaned_data["cases"],
                decided_on=form.cleaned_data["decided_on"],
            )
        except DistributionError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request,
                _("Vedtak er fattet for %(count)s saker, og kommunene er varslet.")
                % {"count": len(decisions)},
            )
            return redirect("distribution:letter_progress")
    selected = {str(pk) for pk in request.POST.getlist("cases")}
    return render(
        request,
        "distribution/decide.html",
        {
            "form": form,
            "items": list(accepted_undecided()),
            "selected": selected,
            "breadcrumbs": [work_list_crumb(), crumb(_("Vedtak om bosettingskommune"))],
        },
        status=400 if form.errors else 200,
    )


def letter_download(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    require(request.user, Permission.DECISION_LETTER_VIEW)
    letter = get_letter_for(request.user, pk)
    if letter.state != LetterState.READY:
        raise Http404  # not made yet, or failed: the case's page says which
    record_letter_download(by=request.user, letter=letter)
    return FileResponse(
        letter.file.open("rb"),
        as_attachment=True,
        filename=letter.download_name,
        content_type="application/pdf",
    )
