"""Documents and notes in the person file."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bosetting.accounts.http import AuthenticatedHttpRequest
from bosetting.accounts.kept_input import keeps_input_on_expiry
from bosetting.accounts.permissions import Permission, require

from .. import actions
from ..forms import DocumentForm, NoteForm
from ..queries import get_case_for, get_document_for, members_visible_to
from .common import case_crumbs, crumb


@require_http_methods(["GET", "POST"])
def document_upload(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require(request.user, Permission.DOCUMENT_UPLOAD)
    case = get_case_for(request.user, pk)
    form = DocumentForm(
        request.POST or None, request.FILES or None, members=members_visible_to(request.user, case)
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.upload_document(
                by=request.user,
                case=case,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
                person=form.cleaned_data["person"],
            )
        except actions.CaseError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("Dokumentet er lastet opp."))
            return redirect("cases:case_detail", case.pk)
    return render(
        request,
        "cases/document_form.html",
        {
            "form": form,
            "case": case,
            "breadcrumbs": case_crumbs(case, crumb(_("Last opp dokument"))),
        },
    )


@require_GET
def document_download(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    require(request.user, Permission.PERSON_FILE_VIEW)
    document = get_document_for(request.user, pk)
    handle = actions.open_document(by=request.user, document=document)
    extension = document.file.name.rsplit(".", 1)[-1]
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{document.title}.{extension}",
        content_type=document.content_type,
    )


@keeps_input_on_expiry(page="cases:case_detail")
@require_POST
def note_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require(request.user, Permission.NOTE_WRITE)
    case = get_case_for(request.user, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            actions.add_note(by=request.user, case=case, text=form.cleaned_data["text"])
        except actions.CaseError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Notatet er lagret."))
    else:
        messages.error(request, _("Skriv notatet før du lagrer."))
    return redirect("cases:case_detail", case.pk)
