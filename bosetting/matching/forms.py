"""The forms of a distribution plan: which cases, municipalities and weights; a case's move."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from bosetting.distribution.forms import WorkListFilterForm
from bosetting.organisations.fields import MunicipalityMultipleChoiceField

from .actions import TIME_LIMIT_MAX, TIME_LIMIT_MIN
from .problem import WEIGHT_LABELS, WEIGHT_MAX, WEIGHT_MIN, Weights

DEFAULT_TIME_LIMIT = 30


def _weight(name: str) -> forms.FloatField:
    return forms.FloatField(
        min_value=WEIGHT_MIN,
        max_value=WEIGHT_MAX,
        initial=getattr(Weights(), name),
        widget=forms.NumberInput(attrs={"step": "any"}),
    )


class PlanStartForm(WorkListFilterForm):
    """The work list's filters pick the cases (its sort means nothing to a plan)."""

    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    include = MunicipalityMultipleChoiceField(
        label=_("Ta med kommuner uten databehandleravtale i kraft"),
        help_text=_("Kommuner med vedtak for året, men uten avtale, får ellers ingen saker."),
        required=False,
    )
    network = _weight("network")
    wish = _weight("wish")
    waiting = _weight("waiting")
    spread = _weight("spread")
    needs = _weight("needs")
    integration = _weight("integration")
    integration_file = forms.FileField(
        label=_("Fil med forventet integrering (valgfritt)"),
        help_text=_(
            "CSV med kolonnene profil, kommunenummer og poeng (0–1). Uten fil er leddet "
            "forventet integrering null. En fil med feil leses ikke inn i det hele tatt."
        ),
        required=False,
    )
    time_limit = forms.IntegerField(
        label=_("Tidsgrense (sekunder)"),
        min_value=TIME_LIMIT_MIN,
        max_value=TIME_LIMIT_MAX,
        initial=DEFAULT_TIME_LIMIT,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["sort"]
        for name, label in WEIGHT_LABELS.items():
            # Here, not at import: the label is made in the language of the request.
            self.fields[name].label = gettext("Vekt: %(label)s") % {"label": label}
        self.fields["year"].initial = timezone.localdate().year

    def action_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        filters = self.query_arguments()
        if "centre" in filters:
            filters["centre"] = filters["centre"].pk
        return {
            "year": data["year"],
            "filters": filters,
            "weights": {name: data[name] for name in WEIGHT_LABELS},
            "time_limit": data["time_limit"],
            "include": [municipality.number for municipality in data["include"] or []],
            "integration_file": data["integration_file"].read()
            if data["integration_file"]
            else None,
        }


class MoveForm(forms.Form):
    """`choices`: (kommunenummer, label) of the run's municipalities; empty takes the case out."""

    municipality = forms.ChoiceField(label=_("Flytt til kommune"), required=False)
    reason = forms.CharField(
        label=_("Begrunnelse"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        error_messages={"required": _("Skriv hvorfor saken flyttes.")},
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Ingen kommune (ta saken ut av forslaget)")), *choices]


class NeedsProfileForm(forms.Form):
    """A municipality's answers; unticked means «we cannot promise this»."""

    adapted_housing = forms.BooleanField(
        label=_("Vi kan skaffe bolig tilrettelagt for funksjonsnedsettelse"),
        help_text=_("For eksempel bolig uten trinn, med heis eller tilpasset bad."),
        required=False,
    )
    specialist_health = forms.BooleanField(
        label=_("Vi kan sikre oppfølging fra spesialisthelsetjenesten (somatisk og psykisk helse)"),
        help_text=_("For eksempel at sykehus eller DPS er i nærheten og har kapasitet."),
        required=False,
    )
    large_dwellings = forms.BooleanField(
        label=_("Vi kan skaffe store boliger (husstander på seks eller flere)"),
        required=False,
    )
    note = forms.CharField(
        label=_("Merknad til IMDi"),
        help_text=_("Valgfritt. Skriv ikke personopplysninger her."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
        error_messages={"max_length": _("Merknaden kan være på høyst %(limit_value)d tegn.")},
    )
