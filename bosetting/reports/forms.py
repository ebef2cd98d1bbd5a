"""The report filters. They are GET parameters, so the exports receive exactly the page's filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bosetting.organisations.models import County


class CountyChoiceField(forms.ModelChoiceField[County]):
    def label_from_instance(self, obj: County) -> str:
        return f"{obj.number} {obj.name}"


class ReportFilterForm(forms.Form):
    """Year (when the report is per year) and county (for IMDi only)."""

    year = forms.TypedChoiceField(label=_("År"), coerce=int, required=False)
    county = CountyChoiceField(
        label=_("Fylke"),
        queryset=County.objects.order_by("number"),
        required=False,
        empty_label=_("Hele landet"),
        to_field_name="number",
    )

    def __init__(
        self, data: Any, *, years: list[int] | None, show_county: bool, **kwargs: Any
    ) -> None:
        super().__init__(data, **kwargs)
        if years is None:
            del self.fields["year"]
        else:
            year_field = self.fields["year"]
            assert isinstance(year_field, forms.TypedChoiceField)
            year_field.choices = [(year, str(year)) for year in years]
        if not show_county:
            del self.fields["county"]

    def selected_year(self) -> int:
        return self.cleaned_data.get("year") or timezone.localdate().year

    def selected_county(self) -> County | None:
        return self.cleaned_data.get("county")
