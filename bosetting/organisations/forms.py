"""Forms for the agreement and organisation screens. Rules live in actions; forms check input."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .agreements import AgreementStatus
from .fields import MunicipalityChoiceField
from .models import County, DataProcessingAgreement, ReceptionCentre
from .validators import validate_organisation_number, validate_pdf_document

DATE_INPUT_FORMATS = ["%d.%m.%Y"]
MAX_MEGABYTES = settings.MAX_DOCUMENT_SIZE // (1024 * 1024)
PDF_INPUT = forms.FileInput(attrs={"accept": "application/pdf,.pdf"})


class CountyChoiceField(forms.ModelChoiceField[County]):
    def label_from_instance(self, obj: County) -> str:
        return f"{obj.number} {obj.name}"


class AgreementChoiceField(forms.ModelChoiceField[DataProcessingAgreement]):
    def label_from_instance(self, obj: DataProcessingAgreement) -> str:
        published = date_format(obj.published_at.date(), "SHORT_DATE_FORMAT")
        return str(_("Versjon %(version)s, publisert %(published)s")) % {
            "version": obj.version,
            "published": published,
        }


class MunicipalityFilterForm(forms.Form):
    county = CountyChoiceField(
        label=_("Fylke"),
        queryset=County.objects.order_by("number"),
        required=False,
        empty_label=_("Alle fylker"),
    )
    status = forms.ChoiceField(
        label=_("Avtalestatus"),
        choices=[("", _("Alle statuser")), *AgreementStatus.choices],
        required=False,
    )


class SignatureForm(forms.Form):
    agreement = AgreementChoiceField(
        label=_("Avtaleversjon"),
        queryset=DataProcessingAgreement.objects.order_by("-published_at"),
        empty_label=None,
    )
    signed_on = forms.DateField(
        label=_("Signert dato"),
        help_text=_("Skriv datoen som dd.mm.åååå, for eksempel 03.02.2026."),
        input_formats=DATE_INPUT_FORMATS,
        error_messages={"invalid": _("Skriv en gyldig dato som dd.mm.åååå.")},
        widget=forms.DateInput(format="%d.%m.%Y", attrs={"inputmode": "numeric"}),
    )
    signed_by = forms.CharField(
        label=_("Signert av"),
        help_text=_("Navn og tittel, for eksempel «Kari Nordmann, ordfører»."),
        max_length=200,
    )
    document = forms.FileField(
        label=_("Signert avtale"),
        help_text=format_lazy(_("PDF-fil, høyst {} MB."), MAX_MEGABYTES),
        validators=[validate_pdf_document],
        widget=PDF_INPUT,
    )


class AgreementForm(forms.Form):
    version = forms.CharField(
        label=_("Versjon"),
        help_text=_("For eksempel 2026-2. Hver versjon kan publiseres én gang."),
        max_length=20,
    )
    title = forms.CharField(label=_("Tittel"), max_length=200)
    text = forms.CharField(
        label=_("Avtaletekst"),
        help_text=_("Hvert linjeskift blir et nytt avsnitt i PDF-en."),
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    document = forms.FileField(
        label=_("Avtalen som PDF (valgfritt)"),
        help_text=format_lazy(
            _("PDF-fil, høyst {} MB. Uten fil lager systemet PDF-en av tittelen og teksten."),
            MAX_MEGABYTES,
        ),
        required=False,
        validators=[validate_pdf_document],
        widget=PDF_INPUT,
    )


class ReceptionCentreForm(forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=200)
    kind = forms.ChoiceField(label=_("Type mottak"), choices=ReceptionCentre.Kind.choices)
    municipality = MunicipalityChoiceField(
        label=_("Kommune"),
        empty_label=_("Velg kommune"),
    )
    organisation_number = forms.CharField(
        label=_("Organisasjonsnummer (valgfritt)"),
        help_text=_("9 sifre fra Enhetsregisteret, for eksempel 974 760 673."),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_name(self) -> Any:
        return self.cleaned_data["name"].strip()

    def clean_organisation_number(self) -> str:
        # People write the number in groups of three, as Enhetsregisteret shows it.
        value = "".join(self.cleaned_data["organisation_number"].split())
        if value:
            validate_organisation_number(value)
        return value


class OrganisationNumberForm(forms.Form):
    organisation_number = forms.CharField(
        label=_("Organisasjonsnummer"),
        help_text=_(
            "9 sifre fra Enhetsregisteret, for eksempel 974 760 673. Tomt felt fjerner nummeret."
        ),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_organisation_number(self) -> str:
        value = "".join(self.cleaned_data["organisation_number"].split())
        if value:
            validate_organisation_number(value)
        return value
