"""The administrator's forms: the national numbers, the formula («Hva om» and save), the pre-fill."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from bosetting.planning.forms import CommonTermsForm, count_field

from .actions import FormulaTerms
from .models import Formula


class NationalNumbersForm(forms.Form):
    places = count_field(
        gettext_lazy("Antall plasser i hele landet"),
        help_text=gettext_lazy("Behovet som det nasjonale utvalget har fastsatt for året."),
    )
    unaccompanied_minors = count_field(gettext_lazy("Herav enslige mindreårige"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        places, minors = cleaned.get("places"), cleaned.get("unaccompanied_minors")
        if places is not None and minors is not None and minors > places:
            self.add_error(
                "unaccompanied_minors",
                gettext_lazy("Kan ikke være flere enn plassene (%(places)s).") % {"places": places},
            )
        return cleaned


def weight_field(label: Any, help_text: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        min_value=0,
        max_value=100,
        error_messages={
            "invalid": gettext_lazy("Skriv et helt tall fra 0 til 100."),
            "min_value": gettext_lazy("Vekten kan ikke være negativ."),
            "max_value": gettext_lazy("Vekten kan være høyst 100."),
            "required": gettext_lazy("Fyll inn vekten (0 om leddet ikke skal telle)."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class FormulaForm(forms.Form):
    """The formula's terms. «Vis virkningen» shows the proposal with them; «Lagre» makes them a
    new version."""

    population_weight = weight_field(
        gettext_lazy("Vekt for folketall"),
        gettext_lazy("Kommunens andel av landets innbyggere (SSB, 1. januar)."),
    )
    settled_recently_weight = weight_field(
        gettext_lazy("Vekt for bosatte siste tre år"),
        gettext_lazy(
            "Folketallet, redusert for kommuner som har bosatt mange per 1 000 innbyggere "
            "de siste tre årene."
        ),
    )
    fulfilment_weight = weight_field(
        gettext_lazy("Vekt for bosatt av fjorårets vedtak"),
        gettext_lazy("Folketallet, vektet med hvor stor del av fjorårets vedtak som ble bosatt."),
    )
    minimum_request = count_field(
        gettext_lazy("Minste anmodning"),
        help_text=gettext_lazy("Hver kommune blir bedt om minst så mange."),
    )
    maximum_per_thousand = forms.DecimalField(
        label=gettext_lazy("Høyst antall per 1 000 innbyggere"),
        help_text=gettext_lazy(
            "Ingen kommune blir bedt om flere, men aldri færre enn minste anmodning."
        ),
        min_value=Decimal("0.1"),
        max_value=Decimal("1000"),
        decimal_places=1,
        localize=True,
        error_messages={
            "invalid": gettext_lazy("Skriv et tall, for eksempel 10 eller 7,5."),
            "min_value": gettext_lazy("Tallet må være større enn 0."),
            "max_value": gettext_lazy("Tallet kan være høyst 1000."),
            "max_decimal_places": gettext_lazy("Skriv høyst én desimal."),
            "required": gettext_lazy("Fyll inn største antall per 1 000 innbyggere."),
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    note = forms.CharField(
        label=gettext_lazy("Merknad til den nye versjonen"),
        help_text=gettext_lazy("Hvorfor formelen endres. Står i historikken."),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        weights = [
            cleaned.get(name)
            for name in ("population_weight", "settled_recently_weight", "fulfilment_weight")
        ]
        if all(weight == 0 for weight in weights):
            self.add_error(
                "population_weight", gettext_lazy("Minst én av vektene må være større enn 0.")
            )
        return cleaned

    @staticmethod
    def initial_for(formula: Formula) -> dict[str, Any]:
        return {
            "population_weight": formula.population_weight,
            "settled_recently_weight": formula.settled_recently_weight,
            "fulfilment_weight": formula.fulfilment_weight,
            "minimum_request": formula.minimum_request,
            "maximum_per_thousand": formula.maximum_per_thousand,
        }

    def terms(self) -> FormulaTerms:
        data = self.cleaned_data
        return FormulaTerms(
            population_weight=data["population_weight"],
            settled_recently_weight=data["settled_recently_weight"],
            fulfilment_weight=data["fulfilment_weight"],
            minimum_request=data["minimum_request"],
            maximum_per_thousand=data["maximum_per_thousand"],
        )

    def unsaved_formula(self, saved: Formula) -> Formula:
        """The terms as a formula that is not saved: the «Hva om» the page shows; the saved
        formula itself when the terms are its own."""
        terms = self.terms()
        if FormulaForm.initial_for(saved) == {
            name: getattr(terms, name) for name in FormulaForm.initial_for(saved)
        }:
            return saved
        # Unsaved (no pk): the page says «ikke lagret» and compares with the saved version.
        return Formula(
            version=0,
            population_weight=terms.population_weight,
            settled_recently_weight=terms.settled_recently_weight,
            fulfilment_weight=terms.fulfilment_weight,
            minimum_request=terms.minimum_request,
            maximum_per_thousand=terms.maximum_per_thousand,
        )


class PrefillForm(CommonTermsForm):
    """The deadline and cover text that the drafts get, as in the preparation table."""
