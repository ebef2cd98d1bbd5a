"""Registering settlement: the persons waiting, one case's registration, and a correction."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bosetting.accounts.http import AuthenticatedHttpRequest
from bosetting.accounts.permissions import Permission, has_permission, require
from bosetting.cases.models import Case
from bosetting.cases.queries import persons_visible_to

from . import actions
from .forms import CorrectionForm, RegisterForm
from .queries import (
    anonymous_label,
    cases_awaiting_settlement,
    get_case_to_register,
    get_person_to_correct,
    moved_out,
    moved_out_rows,
    recently_settled,
    settlement_history,
)

PAGE_SIZE = 100
MOVED_OUT_PER_PAGE = 50


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
            # A reception centre's moved-out residents are listed without identity elsewhere.
            "moved_out_url": reverse("settlement:moved_out")
            if has_permission(request.user, Permission.MOVED_OUT_VIEW)
            else "",
            "breadcrumbs": [{"label": _("Bosetting"), "url": None}],
        },
    )


def register_case(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A settlement date binds: it uses the municipality's places and ends a reception centre's
    access. The persons and the date are reviewed first («Kontroller og send inn»): «Send inn»
    registers, «Tilbake og endre» returns to this page with the choice as it was."""
    require(request.user, Permission.SETTLEMENT_REGISTER)
    case = get_case_to_register(request.user, pk)
    persons = case.awaiting  # type: ignore[attr-defined]
    form = RegisterForm(request.POST or None, persons=persons)
    if request.method == "POST" and "back" not in request.POST and form.is_valid():
        if request.POST.get("confirm") != "1":
            refusal = actions.registration_refusal(
                persons=form.cleaned_data["persons"], settled_on=form.cleaned_data["settled_on"]
            )
            if refusal is None:
                return _register_review(request, case, form)
            _add_error(form, refusal)
            return _register_page(request, case, form)
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
    return _register_page(request, case, form)


def _register_page(
    request: AuthenticatedHttpRequest, case: Case, form: RegisterForm
) -> HttpResponse:
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


def _register_review(
    request: AuthenticatedHttpRequest, case: Case, form: RegisterForm
) -> HttpResponse:
    """The persons and the date «Send inn» will register; nothing is saved here."""
    chosen = list(form.cleaned_data["persons"])
    chosen_pks = {person.pk for person in chosen}
    settled_on = form.cleaned_data["settled_on"]
    return render(
        request,
        "settlement/register_review.html",
        {
            "case": case,
            "form": form,
            "chosen": chosen,
            "left_waiting": [p for p in case.awaiting if p.pk not in chosen_pks],  # type: ignore[attr-defined]
            "settled_on": settled_on,
            # A reception centre's access to the persons ends when they have moved out.
            "access_ends": has_permission(request.user, Permission.MOVED_OUT_VIEW),
            "breadcrumbs": [
                _list_crumb(),
                {
                    "label": _("Sak %(ref)s") % {"ref": case.reference},
                    "url": reverse("settlement:register_case", args=[case.pk]),
                },
                {"label": _("Kontroller bosettingen"), "url": None},
            ],
        },
    )


def correct(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require(request.user, Permission.SETTLEMENT_REGISTER)
    person = get_person_to_correct(request.user, pk)
    # A reception centre may still correct the date it registered, but the person has moved out
    # and is no longer theirs to see: named by place in the household and birth year only.
    if persons_visible_to(request.user).filter(pk=person.pk).exists():
        person_label = person.full_name
    else:
        person_label = anonymous_label(
            relation=person.relation, birth_date=person.birth_date, case_id=person.case_id
        )
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
            "person_label": person_label,
            "form": form,
            "history": settlement_history(person),
            "breadcrumbs": [
                _list_crumb(),
                {"label": _("Rett bosetting"), "url": None},
            ],
        },
    )


def moved_out_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A reception centre's residents who have moved out: where and when, without identity."""
    require(request.user, Permission.MOVED_OUT_VIEW)
    page = Paginator(moved_out(request.user), MOVED_OUT_PER_PAGE).get_page(request.GET.get("side"))
    return render(
        request,
        "settlement/moved_out.html",
        {
            "page": page,
            "rows": moved_out_rows(page.object_list),
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2),
            "ellipsis": Paginator.ELLIPSIS,
            "query": "",
            "can_correct": has_permission(request.user, Permission.SETTLEMENT_REGISTER),
            "breadcrumbs": [{"label": _("Flyttet ut"), "url": None}],
        },
    )
