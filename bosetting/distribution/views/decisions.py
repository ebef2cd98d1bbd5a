"""IMDi's settlement decisions for accepted cases, and the download of their letters."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bosetting.accounts.http import AuthenticatedHttpRequest
from bosetting.accounts.permissions import Permission, require
from bosetting.core.counts import counted
from bosetting.letters.models import LetterState

from ..actions import (
    DistributionError,
    decide_settlement,
    record_letter_download,
    settlement_decision_refusal,
)
from ..forms import DecideForm
from ..models import ProposedCase
from ..queries import accepted_undecided, get_letter_for
from .common import crumb, work_list_crumb


@require_http_methods(["GET", "POST"])
def decide(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A settlement decision binds IMDi and opens the person file, so the chosen cases and the
    date are shown for review first («Kontroller og send inn»): «Send inn» makes the decisions,
    «Tilbake og endre» returns to this page with the choice as it was."""
    require(request.user, Permission.SETTLEMENT_DECIDE)
    form = DecideForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and "back" not in request.POST and form.is_valid():
        chosen = form.cleaned_data["cases"]
        if request.POST.get("confirm") != "1":
            refusal = settlement_decision_refusal(chosen)
            if refusal is None:
                return _review(request, form, chosen)
            # Decided meanwhile, by someone else: say so plainly, over the list as it is now.
            messages.warning(request, refusal)
            return redirect("distribution:decide")
        else:
            try:
                decisions = decide_settlement(
                    by=request.user,
                    proposed_cases=chosen,
                    decided_on=form.cleaned_data["decided_on"],
                )
            except DistributionError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(
                    request,
                    _("Vedtak er fattet for %(cases)s, og kommunene er varslet.")
                    % {"cases": counted(len(decisions), "sak")},
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


def _review(
    request: AuthenticatedHttpRequest, form: DecideForm, chosen: Iterable[ProposedCase]
) -> HttpResponse:
    """The decisions that «Send inn» will make, case by case; nothing is saved here."""
    items = list(accepted_undecided().filter(pk__in=[proposed.pk for proposed in chosen]))
    return render(
        request,
        "distribution/decide_review.html",
        {
            "form": form,
            "items": items,
            "decided_on": form.cleaned_data["decided_on"],
            "breadcrumbs": [
                work_list_crumb(),
                crumb(_("Vedtak om bosettingskommune"), "distribution:decide"),
                crumb(_("Kontroller vedtakene")),
            ],
        },
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
