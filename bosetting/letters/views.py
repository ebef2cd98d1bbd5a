"""IMDi's administrator edits the letters' texts: a list, one template's page, a new translation."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bosetting.accounts.http import AuthenticatedHttpRequest
from bosetting.accounts.permissions import Permission, require
from bosetting.cases.codes import language_name

from . import actions
from .forms import TemplateVersionForm, TranslationForm
from .models import NORWEGIAN, LetterKind, LetterTemplateVersion
from .placeholders import PLACEHOLDERS
from .queries import current_version, get_template_for, template_overview, versions_of


def _crumbs(*more: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"label": _("Brevmaler"), "url": reverse("letters:template_list")}, *more]


def _initial(version: Any) -> dict[str, Any]:
    if version is None:
        return {}
    return {
        "title": version.title,
        "body": version.body,
        "legal_basis": version.legal_basis,
        "person_columns": version.person_columns,
        "based_on": version.number,
    }


def _same_text(version: LetterTemplateVersion, data: dict[str, Any]) -> bool:
    columns = "; ".join(part.strip() for part in data["person_columns"].split(";"))
    return (
        data["title"].strip() == version.title
        and data["body"].strip() == version.body.strip()
        and data["legal_basis"].strip() == version.legal_basis
        and columns == version.person_columns
    )


def template_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, Permission.LETTER_TEMPLATE_MANAGE)
    return render(
        request,
        "letters/template_list.html",
        {
            "rows": template_overview(request.user),
            "breadcrumbs": [{"label": _("Brevmaler"), "url": None}],
        },
    )


@require_http_methods(["GET", "POST"])
def template_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require(request.user, Permission.LETTER_TEMPLATE_MANAGE)
    template = get_template_for(request.user, pk)
    versions = versions_of(template)
    current = versions[0] if versions else None
    form = TemplateVersionForm(
        request.POST if request.method == "POST" else None,
        initial=_initial(current),
        kind=template.kind,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unchanged = current is not None and _same_text(current, data)
        if unchanged:
            messages.info(request, _("Teksten er uendret. Ingen ny versjon er lagret."))
            return redirect("letters:template_edit", pk=template.pk)
        try:
            version = actions.save_template_version(
                by=request.user,
                template=template,
                based_on=data["based_on"] or 0,
                title=data["title"],
                body=data["body"],
                legal_basis=data["legal_basis"],
                person_columns=data["person_columns"],
            )
        except actions.LetterTemplateError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request,
                _("Versjon %(number)s er lagret. Nye brev lages fra denne teksten.")
                % {"number": version.number},
            )
            return redirect("letters:template_edit", pk=template.pk)
    label = _("%(kind)s, %(language)s") % {
        "kind": template.get_kind_display(),
        "language": language_name(template.language).lower(),
    }
    return render(
        request,
        "letters/template_edit.html",
        {
            "template": template,
            "label": label,
            "form": form,
            "current": current,
            "versions": versions,
            "placeholders": PLACEHOLDERS[template.kind],
            "can_translate": template.language == NORWEGIAN,
            "breadcrumbs": _crumbs({"label": label, "url": None}),
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def translation_add(request: AuthenticatedHttpRequest, kind: str) -> HttpResponse:
    require(request.user, Permission.LETTER_TEMPLATE_MANAGE)
    if kind not in LetterKind.values:
        raise Http404
    overview = {row.kind: row for row in template_overview(request.user)}
    existing = {template.language for template in overview[kind].templates}
    # A translation starts from the Norwegian text: the translator replaces it paragraph by paragraph.
    form = TranslationForm(
        request.POST if request.method == "POST" else None,
        initial=_initial(current_version(kind, NORWEGIAN)),
        kind=kind,
        existing=existing,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            version = actions.add_translation(
                by=request.user,
                kind=kind,
                language=data["language"],
                title=data["title"],
                body=data["body"],
                legal_basis=data["legal_basis"],
                person_columns=data["person_columns"],
            )
        except actions.LetterTemplateError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request,
                _("Oversettelsen til %(language)s er lagret som versjon 1.")
                % {"language": language_name(version.template.language).lower()},
            )
            return redirect("letters:template_edit", pk=version.template_id)
    kind_label = LetterKind(kind).label
    return render(
        request,
        "letters/translation_add.html",
        {
            "form": form,
            "kind_label": kind_label,
            "placeholders": PLACEHOLDERS[kind],
            "breadcrumbs": _crumbs({"label": _("Ny oversettelse"), "url": None}),
        },
        status=400 if form.errors else 200,
    )
