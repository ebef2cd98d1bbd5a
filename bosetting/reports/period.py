"""The filters of the settlement reports: a period (from–to dates), and the report's own choices.

GET parameters, like the other reports, so an export receives exactly the page's filters.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bosetting.cases.forms import date_field
from bosetting.organisations.fields import MunicipalityChoiceField


class PeriodForm(forms.Form):
    """From and to dates, both included; empty means from 1 January this year until today."""

    from_date = date_field(_("Fra dato"), required=False)
    to_date = date_field(_("Til dato"), required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("from_date"), cleaned.get("to_date")
        if start and end and start > end:
            self.add_error("to_date", _("Til-datoen kan ikke være før fra-datoen."))
        return cleaned

    def period(self) -> tuple[datetime.date, datetime.date]:
        today = timezone.localdate()
        return (
            self.cleaned_data.get("from_date") or today.replace(month=1, day=1),
            self.cleaned_data.get("to_date") or today,
        )


class SpecialisedFilterForm(PeriodForm):
    """IMDi chooses the municipality; a municipality's caseworker always gets their own."""

    municipality = MunicipalityChoiceField(
        label=_("Kommune"),
        required=False,
        empty_label=_("Velg kommune"),
        to_field_name="number",
    )

    def __init__(self, data: Any, *, choose_municipality: bool, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        if not choose_municipality:
            del self.fields["municipality"]


GROUPINGS: dict[str, Any] = {
    "county": _("Fylke"),
    "municipality": _("Kommune"),
    "month": _("Måned"),
    "category": _("Kategori"),
    "age_group": _("Aldersgruppe ved bosetting"),
    "citizenship": _("Statsborgerskap"),
}


class NationalFilterForm(PeriodForm):
    group_by = forms.ChoiceField(
        label=_("Fordelt på"), choices=list(GROUPINGS.items()), required=False
    )

    def grouping(self) -> str:
        return self.cleaned_data.get("group_by") or "county"
