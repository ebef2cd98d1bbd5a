"""Saving an assessment, and marking a case ready for settlement or back to assessment."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from bosetting.accounts.http import AuthenticatedHttpRequest
from bosetting.accounts.kept_input import form_data, keeps_input_on_expiry
from bosetting.accounts.permissions import Permission, require

from .. import actions
from ..forms import AssessmentForm
from ..models import CaseState
from ..queries import get_case_for, get_person_for, members_of
from ..summary import anonymised_summary
from .common import ASSESSMENT_STEP, READY_STEP, case_crumbs, crumb, registration_steps


# Health details are never kept: they are read only through an audited action (ADR 5, ADR 13).
@keeps_input_on_expiry(never={"health_details": gettext_lazy("Helseopplysningene")})
@require_http_methods(["GET", "POST"])
def assessment_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require(request.user, Permission.ASSESSMENT_EDIT)
    person = get_person_for(request.user, pk)
    assert person.case is not None
    form = AssessmentForm(
        form_data(request), initial=AssessmentForm.initial_from(person.current_assessment)
    )
    if request.method == "POST" and form.is_valid():
        try:
            version = actions.save_assessment(
                by=request.user,
                person=person,
                data=form.assessment_data(),
                health=form.health_input(),
            )
        except actions.CaseError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request,
                _("Kartleggingen er lagret som versjon %(number)s.") % {"number": version.number},
            )
            return redirect("cases:case_detail", person.case.pk)
    return render(
        request,
        "cases/assessment_form.html",
        {
            "form": form,
            "person": person,
            "steps": registration_steps(ASSESSMENT_STEP)
            if person.case.state == CaseState.BEING_ASSESSED
            else None,
            "has_health_details": bool(
                person.current_assessment and person.current_assessment.health_consent
            ),
            "breadcrumbs": case_crumbs(
                person.case,
                crumb(person.full_name, "cases:person_detail", person.pk),
                crumb(_("Kartlegging")),
            ),
        },
    )


@require_POST
def case_mark_ready(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Ready for settlement lets IMDi propose the household to municipalities, so it is reviewed
    first («Kontroller og send inn»): the household as municipalities will see it. Only the post
    of «Send inn» marks it ready."""
    require(request.user, Permission.ASSESSMENT_EDIT)
    case = get_case_for(request.user, pk)
    if request.POST.get("confirm") != "1":
        refusal = actions.ready_refusal(case)
        if refusal is not None:
            messages.error(request, refusal)
            return redirect("cases:case_detail", case.pk)
        return render(
            request,
            "cases/mark_ready_review.html",
            {
                "case": case,
                "members": list(members_of(case)),
                "summary": anonymised_summary(case),
                "steps": registration_steps(READY_STEP),
                "breadcrumbs": case_crumbs(case, crumb(_("Kontroller og merk klar"))),
            },
        )
    try:
        actions.mark_ready(by=request.user, case=case)
    except actions.CaseError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Saken er merket klar for bosetting."))
    return redirect("cases:case_detail", case.pk)


@require_POST
def case_reopen(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require(request.user, Permission.ASSESSMENT_EDIT)
    case = get_case_for(request.user, pk)
    try:
        actions.return_to_assessment(by=request.user, case=case)
    except actions.CaseError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Saken er satt tilbake til kartlegging."))
    return redirect("cases:case_detail", case.pk)
