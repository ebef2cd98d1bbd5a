"""Registering a household (its head) and adding members to it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bosetting.accounts.http import AuthenticatedHttpRequest
from bosetting.accounts.permissions import Permission, require

from .. import actions
from ..forms import MemberForm, PersonForm
from ..models import CaseState, Relation
from ..queries import get_case_for, get_person_for, members_visible_to, own_reception_centre
from .common import HEAD_STEP, MEMBERS_STEP, case_crumbs, crumb, registration_steps


@require_http_methods(["GET", "POST"])
def case_register(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, Permission.CASE_REGISTER)
    form = PersonForm(request.POST or None, own_centre=own_reception_centre(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            case = actions.register_case(by=request.user, head=form.person_data())
        except actions.CaseError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request,
                _("Sak %(reference)s er opprettet. Legg til resten av husstanden.")
                % {"reference": case.reference},
            )
            return redirect("cases:case_detail", case.pk)
    return render(
        request,
        "cases/person_form.html",
        {
            "form": form,
            "title": _("Registrer ny sak"),
            "intro": _(
                "Registrer hovedpersonen i husstanden først. Resten av husstanden legger du til etterpå."
            ),
            "submit": _("Registrer sak"),
            "steps": registration_steps(HEAD_STEP),
            "breadcrumbs": [crumb(_("Saker"), "cases:case_list"), crumb(_("Registrer ny sak"))],
        },
    )


@require_http_methods(["GET", "POST"])
def member_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require(request.user, Permission.CASE_REGISTER)
    case = get_case_for(request.user, pk)
    # A household mostly shares citizenship, languages and category: start from the head's.
    head = members_visible_to(request.user, case).filter(relation=Relation.HEAD).first()
    form = MemberForm(
        request.POST or None,
        initial=MemberForm.initial_from_head(head) if head else None,
        own_centre=own_reception_centre(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_member(
                by=request.user,
                case=case,
                person=form.person_data(),
                relation=form.cleaned_data["relation"],
            )
        except actions.CaseError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("Personen er lagt til i husstanden."))
            return redirect("cases:case_detail", case.pk)
    return render(
        request,
        "cases/person_form.html",
        {
            "form": form,
            "case": case,
            "title": _("Legg til person i husstanden"),
            "intro": _(
                "Statsborgerskap, språk og kategori er fylt ut som for hovedpersonen. Endre dem "
                "om de er annerledes for denne personen."
            )
            if head
            else "",
            "submit": _("Legg til person"),
            "steps": registration_steps(MEMBERS_STEP)
            if case.state == CaseState.BEING_ASSESSED
            else None,
            "breadcrumbs": case_crumbs(case, crumb(_("Legg til person"))),
        },
    )


@require_http_methods(["GET", "POST"])
def person_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require(request.user, Permission.CASE_REGISTER)
    person = get_person_for(request.user, pk)
    assert person.case is not None
    form = PersonForm(
        request.POST or None,
        initial=PersonForm.initial_from(person),
        own_centre=own_reception_centre(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.change_person(by=request.user, person=person, data=form.person_data())
        except actions.CaseError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("Personopplysningene er lagret."))
            return redirect("cases:person_detail", person.pk)
    return render(
        request,
        "cases/person_form.html",
        {
            "form": form,
            "title": _("Endre personopplysninger for %(name)s") % {"name": person.full_name},
            "submit": _("Lagre endringene"),
            "breadcrumbs": case_crumbs(
                person.case,
                crumb(person.full_name, "cases:person_detail", person.pk),
                crumb(_("Endre")),
            ),
        },
    )
