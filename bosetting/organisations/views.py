"""Screens for municipalities, the data processing agreement and reception centres.

Each view loads, authorizes, calls an action and redirects; the rules live in actions and queries.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from bosetting.accounts.http import AuthenticatedHttpRequest
from bosetting.accounts.permissions import (
    AccessDenied,
    Permission,
    denial_reason,
    has_permission,
    require,
)
from bosetting.accounts.queries import municipal_admins

from . import actions
from .agreements import current_agreement, municipalities_with_status, status_tags
from .forms import (
    AgreementForm,
    MunicipalityFilterForm,
    OrganisationNumberForm,
    ReceptionCentreForm,
    SignatureForm,
)
from .models import DataProcessingAgreement, Municipality, Organisation
from .queries import (
    agreements_with_signature_counts,
    get_municipality_with_status,
    get_signature_for,
    own_municipality_with_status,
    reception_centres,
    signatures_of,
    status_totals,
    with_status,
)


def _crumb(label: str, url_name: str | None = None, **kwargs: Any) -> dict[str, str | None]:
    return {"label": label, "url": reverse(url_name, kwargs=kwargs) if url_name else None}


def _municipalities_crumb() -> dict[str, str | None]:
    return _crumb(_("Kommuner og avtaler"), "organisations:municipality_list")


def municipality_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, Permission.MUNICIPALITY_LIST_VIEW)
    form = MunicipalityFilterForm(request.GET or None)
    municipalities = municipalities_with_status()
    county = status = None
    if form.is_valid():
        county = form.cleaned_data["county"]
        status = form.cleaned_data["status"] or None
    if county is not None:
        municipalities = municipalities.filter(county=county)
    # Totals cover the chosen county whatever status is chosen, so the counts stay comparable.
    totals = status_totals(municipalities)
    if status is not None:
        municipalities = with_status(municipalities, status)
    return render(
        request,
        "organisations/municipality_list.html",
        {
            "form": form,
            "county": county,
            "municipalities": municipalities,
            "totals": totals,
            "status_tags": status_tags(),
            "agreement": current_agreement(),
            # IMDi's own number is edited from here (the administrator belongs to IMDi).
            "can_edit_organisation_number": has_permission(
                request.user, Permission.ORGANISATION_NUMBER_MANAGE
            ),
            "breadcrumbs": [_crumb(_("Kommuner og avtaler"))],
        },
    )


def municipality_detail(request: AuthenticatedHttpRequest, number: str) -> HttpResponse:
    require(request.user, Permission.MUNICIPALITY_LIST_VIEW)
    municipality = get_municipality_with_status(number=number)
    return render(
        request,
        "organisations/municipality_detail.html",
        {
            "municipality": municipality,
            "status_tags": status_tags(),
            "agreement": current_agreement(),
            "signatures": signatures_of(municipality),
            "admins": municipal_admins(municipality.pk).order_by("last_name", "first_name"),
            "can_register_signature": has_permission(request.user, Permission.AGREEMENT_MANAGE),
            "can_invite": has_permission(request.user, Permission.USER_MANAGE),
            "can_edit_organisation_number": has_permission(
                request.user, Permission.ORGANISATION_NUMBER_MANAGE
            ),
            "breadcrumbs": [_municipalities_crumb(), _crumb(municipality.name)],
        },
    )


def register_signature(request: AuthenticatedHttpRequest, number: str) -> HttpResponse:
    require(request.user, Permission.AGREEMENT_MANAGE)
    municipality = get_object_or_404(Municipality.objects.select_related("county"), number=number)
    agreement = current_agreement()
    form = SignatureForm(
        request.POST or None, request.FILES or None, initial={"agreement": agreement}
    )
    if request.method == "POST" and form.is_valid():
        try:
            signature = actions.register_signature(
                by=request.user, municipality=municipality, **form.cleaned_data
            )
        except actions.OrganisationError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request,
                _("Signaturen på versjon %(version)s er registrert for %(municipality)s.")
                % {"version": signature.agreement.version, "municipality": municipality.name},
            )
            return redirect("organisations:municipality_detail", number=municipality.number)
    return render(
        request,
        "organisations/register_signature.html",
        {
            "form": form,
            "municipality": municipality,
            "agreement": agreement,
            "breadcrumbs": [
                _municipalities_crumb(),
                _crumb(
                    municipality.name,
                    "organisations:municipality_detail",
                    number=municipality.number,
                ),
                _crumb(_("Registrer signatur")),
            ],
        },
    )


def agreement_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, Permission.MUNICIPALITY_LIST_VIEW)
    agreements = list(agreements_with_signature_counts())
    return render(
        request,
        "organisations/agreement_list.html",
        {
            "agreements": agreements,
            "current": agreements[0] if agreements else None,
            "can_publish": has_permission(request.user, Permission.AGREEMENT_MANAGE),
            "breadcrumbs": [_municipalities_crumb(), _crumb(_("Avtaleversjoner"))],
        },
    )


def agreement_publish(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, Permission.AGREEMENT_MANAGE)
    form = AgreementForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = actions.publish_agreement(by=request.user, **form.cleaned_data)
        except actions.OrganisationError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request,
                _(
                    "Versjon %(version)s er publisert og er nå gjeldende avtale. Kommunene må "
                    "signere den før de får tilgang til personopplysninger igjen."
                )
                % {"version": agreement.version},
            )
            return redirect("organisations:agreement_list")
    return render(
        request,
        "organisations/agreement_publish.html",
        {
            "form": form,
            "breadcrumbs": [
                _municipalities_crumb(),
                _crumb(_("Avtaleversjoner"), "organisations:agreement_list"),
                _crumb(_("Publiser ny versjon")),
            ],
        },
    )


def agreement_download(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    # The agreement text is not personal data: every municipality may read what it is to sign.
    if not (
        has_permission(request.user, Permission.MUNICIPALITY_LIST_VIEW)
        or has_permission(request.user, Permission.AGREEMENT_VIEW)
    ):
        raise AccessDenied(denial_reason(request.user, Permission.AGREEMENT_VIEW))
    agreement = get_object_or_404(DataProcessingAgreement, pk=pk)
    return FileResponse(
        agreement.document.open("rb"),
        as_attachment=True,
        filename=f"databehandleravtale-{agreement.version}.pdf",
        content_type="application/pdf",
    )


def signature_download(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    signature = get_signature_for(request.user, pk)
    return FileResponse(
        signature.document.open("rb"),
        as_attachment=True,
        filename=(
            f"databehandleravtale-{signature.agreement.version}-signert-"
            f"{signature.municipality.number}.pdf"
        ),
        content_type="application/pdf",
    )


def own_agreement(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, Permission.AGREEMENT_VIEW)
    municipality = own_municipality_with_status(request.user)
    return render(
        request,
        "organisations/own_agreement.html",
        {
            "municipality": municipality,
            "status_tags": status_tags(),
            "agreement": current_agreement(),
            "signatures": signatures_of(municipality),
            "breadcrumbs": [_crumb(_("Databehandleravtale"))],
        },
    )


def reception_centre_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, Permission.MUNICIPALITY_LIST_VIEW)
    return render(
        request,
        "organisations/reception_centre_list.html",
        {
            "centres": reception_centres(),
            "can_create": has_permission(request.user, Permission.RECEPTION_CENTRE_MANAGE),
            "can_edit_organisation_number": has_permission(
                request.user, Permission.ORGANISATION_NUMBER_MANAGE
            ),
            "breadcrumbs": [_crumb(_("Mottak"))],
        },
    )


def reception_centre_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, Permission.RECEPTION_CENTRE_MANAGE)
    form = ReceptionCentreForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            centre = actions.create_reception_centre(by=request.user, **form.cleaned_data)
        except actions.OrganisationError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("Mottaket %(name)s er opprettet.") % {"name": centre.name})
            return redirect("organisations:reception_centre_list")
    return render(
        request,
        "organisations/reception_centre_form.html",
        {
            "form": form,
            "breadcrumbs": [
                _crumb(_("Mottak"), "organisations:reception_centre_list"),
                _crumb(_("Nytt mottak")),
            ],
        },
    )


def organisation_number_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """IMDi's administrator keeps each organisation's number, which Ansattporten logins are
    checked against."""
    require(request.user, Permission.ORGANISATION_NUMBER_MANAGE)
    organisation = get_object_or_404(
        Organisation.objects.select_related("municipality", "reception_centre"), pk=pk
    )
    back = _organisation_page(organisation)
    form = OrganisationNumberForm(
        request.POST or None, initial={"organisation_number": organisation.organisation_number}
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.set_organisation_number(
                by=request.user,
                organisation=organisation,
                number=form.cleaned_data["organisation_number"],
            )
        except actions.OrganisationError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request,
                _("Organisasjonsnummeret til %(org)s er lagret.") % {"org": organisation},
            )
            return redirect(back)
    return render(
        request,
        "organisations/organisation_number_form.html",
        {
            "form": form,
            "organisation": organisation,
            "back": back,
            "breadcrumbs": [_crumb(str(organisation)), _crumb(_("Organisasjonsnummer"))],
        },
    )


def _organisation_page(organisation: Organisation) -> str:
    municipality = getattr(organisation, "municipality", None)
    if municipality is not None:
        return reverse("organisations:municipality_detail", args=[municipality.number])
    if organisation.kind == Organisation.Kind.RECEPTION_CENTRE:
        return reverse("organisations:reception_centre_list")
    return reverse("organisations:municipality_list")
