"""The person file: one page per case and per person, health details, versions and the summary."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from bosetting.accounts.http import AuthenticatedHttpRequest
from bosetting.accounts.kept_input import form_data
from bosetting.accounts.permissions import Permission, has_permission, require
from bosetting.organisations.models import County, Municipality

from .. import actions
from ..assessment import (
    EducationLevel,
    NorwegianLevel,
    YesNo,
    missing_fields,
    special_need_labels,
)
from ..case_history import (
    answers_visible_to,
    decision_of,
    get_case_with_decision_for,
    members_with_settlement,
)
from ..forms import DocumentForm, NoteForm
from ..models import AssessmentVersion, CaseState, Person
from ..queries import (
    assessment_history,
    documents_of,
    get_case_for,
    get_person_for,
    members_visible_to,
    notes_of,
    timeline,
)
from ..summary import anonymised_summary
from .common import case_crumbs, crumb


def _permissions(user: Any) -> dict[str, bool]:
    return {
        "can_register": has_permission(user, Permission.CASE_REGISTER),
        "can_assess": has_permission(user, Permission.ASSESSMENT_EDIT),
        "can_write_note": has_permission(user, Permission.NOTE_WRITE),
        "can_upload": has_permission(user, Permission.DOCUMENT_UPLOAD),
        "can_read_health": has_permission(user, Permission.HEALTH_DETAILS_VIEW),
    }


@require_GET
def case_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Everything about the household in one place: its members and their settlement dates, the
    settlement decision and its letters (#vedtak, where the decision's notification leads), the
    proposals and answers, documents, notes and the timeline."""
    require(request.user, Permission.PERSON_FILE_VIEW)
    case = get_case_with_decision_for(request.user, pk)
    actions.record_file_view(by=request.user, case=case)
    members = list(members_with_settlement(request.user, case))
    decision = decision_of(case)
    documents = list(documents_of(case, request.user))
    notes = list(notes_of(case, request.user))
    today = timezone.localdate()
    rows = [
        {"person": m, "missing": missing_fields(m, m.current_assessment, today=today)}
        for m in members
    ]
    permissions = _permissions(request.user)
    editable = case.state in (CaseState.BEING_ASSESSED, CaseState.READY)
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "rows": rows,
            # Saved but «Ikke fullstendig»: what is missing, person by person.
            "incomplete": [row for row in rows if row["missing"]],
            # A partly settled household: the members who moved out are no longer the centre's.
            "moved_out_count": case.household_size - len(members),  # type: ignore[attr-defined]
            "decision": decision,
            "letters": list(decision.letters.all()) if decision else [],
            "can_download_letters": decision is not None
            and has_permission(
                request.user, Permission.DECISION_LETTER_VIEW, municipality=decision.municipality
            ),
            "answers": answers_visible_to(request.user, case),
            "can_manage_proposals": has_permission(request.user, Permission.PROPOSAL_MANAGE),
            "can_answer_proposals": has_permission(request.user, Permission.PROPOSAL_ANSWER),
            "documents": documents,
            "notes": notes,
            "events": timeline(
                case,
                person_ids=[m.pk for m in members],
                document_ids=[d.pk for d in documents],
                note_ids=[n.pk for n in notes],
            ),
            # A note posted after the session expired is given back here (cases:note_add).
            "note_form": NoteForm(form_data(request)),
            "document_form": DocumentForm(members=members_visible_to(request.user, case)),
            "editable": editable,
            "can_mark_ready": permissions["can_assess"] and case.state == CaseState.BEING_ASSESSED,
            "can_reopen": permissions["can_assess"] and case.state == CaseState.READY,
            **permissions,
            "breadcrumbs": [
                crumb(_("Saker"), "cases:case_list"),
                crumb(_("Sak %(reference)s") % {"reference": case.reference}),
            ],
        },
    )


def _assessment_display(version: AssessmentVersion | None) -> dict[str, Any]:
    """The coded answers with their Norwegian labels, and municipality names for the numbers."""
    if version is None:
        return {}
    data = version.data
    numbers = set(data.get("family_municipalities") or []) | set(
        data.get("wish_municipalities") or []
    )
    names = dict(Municipality.objects.filter(number__in=numbers).values_list("number", "name"))
    counties = dict(
        County.objects.filter(number__in=data.get("wish_counties") or []).values_list(
            "number", "name"
        )
    )

    def label(choices: Any, value: Any) -> str:
        return str(choices(value).label) if value in choices.values else ""

    return {
        **data,
        "family_in_norway_label": label(YesNo, data.get("family_in_norway")),
        "family_municipality_names": [
            names.get(n, n) for n in data.get("family_municipalities") or []
        ],
        "education_level_label": label(EducationLevel, data.get("education_level")),
        "norwegian_level_label": label(NorwegianLevel, data.get("norwegian_level")),
        "special_need_labels": special_need_labels(data.get("special_needs") or []),
        "wish_municipality_names": [names.get(n, n) for n in data.get("wish_municipalities") or []],
        "wish_county_names": [counties.get(n, n) for n in data.get("wish_counties") or []],
        "has_pets_label": label(YesNo, data.get("has_pets")),
    }


def _person_page(
    request: AuthenticatedHttpRequest,
    person: Person,
    version: AssessmentVersion | None,
    *,
    title: str,
    crumbs: list[Any],
    health: AssessmentVersion | None = None,
) -> HttpResponse:
    case = person.case
    assert case is not None  # persons_visible_to reaches persons through their case
    return render(
        request,
        "cases/person_detail.html",
        {
            "person": person,
            "case": case,
            "version": version,
            "assessment": _assessment_display(version),
            "is_current": version is not None and version.pk == person.current_assessment_id,
            "history": assessment_history(person),
            "missing": missing_fields(
                person, person.current_assessment, today=timezone.localdate()
            ),
            "health": health,
            "title": title,
            "editable": case.state in (CaseState.BEING_ASSESSED, CaseState.READY),
            **_permissions(request.user),
            "breadcrumbs": case_crumbs(case, *crumbs),
        },
    )


@require_GET
def person_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require(request.user, Permission.PERSON_FILE_VIEW)
    person = get_person_for(request.user, pk)
    assert person.case is not None
    actions.record_file_view(by=request.user, case=person.case, person=person)
    return _person_page(
        request,
        person,
        person.current_assessment,
        title=person.full_name,
        crumbs=[crumb(person.full_name)],
    )


@require_GET
def assessment_version(request: AuthenticatedHttpRequest, pk: int, number: int) -> HttpResponse:
    require(request.user, Permission.PERSON_FILE_VIEW)
    person = get_person_for(request.user, pk)
    version = (
        AssessmentVersion.objects.defer("health_details")
        .select_related("saved_by")
        .filter(person=person, number=number)
        .first()
    )
    if version is None:
        raise Http404
    return _person_page(
        request,
        person,
        version,
        title=_("%(name)s, kartlegging versjon %(number)s")
        % {"name": person.full_name, "number": number},
        crumbs=[
            crumb(person.full_name, "cases:person_detail", person.pk),
            crumb(_("Versjon %(number)s") % {"number": number}),
        ],
    )


@require_GET
def health_details(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Shows the health details; the read is an action, so it is logged in the same transaction."""
    require(request.user, Permission.HEALTH_DETAILS_VIEW)
    person = get_person_for(request.user, pk)
    health = actions.read_health_details(by=request.user, person=person)
    return _person_page(
        request,
        person,
        person.current_assessment,
        title=_("%(name)s, helseopplysninger") % {"name": person.full_name},
        crumbs=[
            crumb(person.full_name, "cases:person_detail", person.pk),
            crumb(_("Helseopplysninger")),
        ],
        health=health,
    )


@require_GET
def case_summary(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """What a municipality will see of the case in a proposal, for those who prepare it."""
    require(request.user, Permission.ASSESSMENT_EDIT)
    case = get_case_for(request.user, pk)
    return render(
        request,
        "cases/case_summary.html",
        {
            "case": case,
            "summary": anonymised_summary(case),
            "breadcrumbs": case_crumbs(case, crumb(_("Anonymisert sammendrag"))),
        },
    )
