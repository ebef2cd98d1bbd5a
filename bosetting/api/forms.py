"""The form for a new API client. Which scopes an organisation may get is checked by the action."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from bosetting.organisations.models import Organisation

from .scopes import Scope


class OrganisationChoiceField(forms.ModelChoiceField[Organisation]):
    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.name} ({obj.get_kind_display()})"


class ApiClientForm(forms.Form):
    name = forms.CharField(
        label=_("Navn på klienten"),
        max_length=100,
        help_text=_("For eksempel systemet og leverandøren: «Fana mottak – beboersystem»."),
    )
    organisation = OrganisationChoiceField(
        label=_("Organisasjon"),
        queryset=Organisation.objects.order_by("kind", "name"),
        help_text=_("Klienten ser og gjør bare det en bruker i denne organisasjonen kan."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("Tilganger"),
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Mottak: saker og bosetting. Kommuner: saker, tall og bosetting. IMDi: saker og tall."
        ),
    )
