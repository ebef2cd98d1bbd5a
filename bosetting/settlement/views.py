"""Registering settlement: the persons waiting, one case's registration, and a correction."""

from __future__ import annotations

from django.contrib import messages
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bosetting.accounts.http import AuthenticatedHttpRequest
from bosetting.accounts.permissions import Permission, require

from . import actions
from .forms import CorrectionForm, RegisterForm
from .queries import (
    cases_awaiting_settlement,
    get_case_to_register,
    get_person_to_correct,
    recently_settled,
    settlement_history,
)

PAGE_SIZE = 100


def _add_error(form: Form, error: actions.SettlementError) -> None:
    # A rule may name a field this form lacks (a correction's reason, on the registration form
    # submitted twice): the message then heads the form.
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _list_crumb() -> dict[str, str | None]:
    return {"label": _("Bosetting"), "url": reverse("settlement:pending")}


def pending(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Matched cases with persons the user registers, the longest waiting first."""
    require(request.user, Permission.SETTLEMENT_REGISTER)
    today = timezone.localdate()
    cases = list(cases_awaiting_settlement(request.user)[:PAGE_SIZE])
    for case in cases:
        case.days_waiting = (today - case.decided_on).days  # type: ignore[attr-defined]
    return render(
        request,
        "settlement/pending.html",
        {
            "cases": cases,
            "page_size": PAGE_SIZE,
            "settled": recently_settled(request.user),
            "breadcrumbs": [{"label": _("Bosetting"), "url": None}],
        },
    )


def register_case(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require(request.user, Permission.SETTLEMENT_REGISTER)
    case = get_case_to_register(request.user, pk)
    persons = case.awaiting  # type: ignore[attr-defined]
    form = RegisterForm(request.POST or None, persons=persons)
    if request.method == "POST" and form.is_valid():
        try:
            settlements = actions.register_settlement(
                by=request.user,
                persons=form.cleaned_data["persons"],
                settled_on=form.cleaned_data["settled_on"],
            )
        except actions.SettlementError as error:
            _add_error(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "Bosettingen er registrert for %(count)s person.",
                    "Bosettingen er registrert for %(count)s personer.",
                    len(settlements),
                )
                % {"count": len(settlements)},
            )
            return redirect("settlement:pending")
    return render(
        request,
        "settlement/register.html",
        {
            "case": case,
            "form": form,
            "breadcrumbs": [
                _list_crumb(),
                {"label": _("Sak %(ref)s") % {"ref": case.reference}, "url": None},
            ],
        },
    )


def correct(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require(request.user, Permission.SETTLEMENT_REGISTER)
    person = get_person_to_correct(request.user, pk)
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["what"] == CorrectionForm.WITHDRAW:
                actions.withdraw_settlement(
                    by=request.user, person=person, reason=form.cleaned_data["reason"]
                )
                messages.success(request, _("Bosettingen er trukket tilbake."))
            else:
                actions.register_settlement(
                    by=request.user,
                    persons=[person],
                    settled_on=form.cleaned_data["settled_on"],
                    reason=form.cleaned_data["reason"],
                )
                messages.success(request, _("Bosettingsdatoen er rettet."))
        except actions.SettlementError as error:
            _add_error(form, error)
        else:
            return redirect("settlement:pending")
    return render(
        request,
        "settlement/correct.html",
        {
            "person": person,
            "form": form,
            "history": settlement_history(person),
            "breadcrumbs": [
                _list_crumb(),
                {"label": _("Rett bosetting"), "url": None},
            ],
        },
    )
