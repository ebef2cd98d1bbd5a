"""The search form of the audit log (GET): the same filters drive the list and the CSV export."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bosetting.organisations.fields import MunicipalityChoiceField

from .models import EventType
from .queries import CASE_REFERENCE_DIGITS, EventFilters, object_type_labels

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise  # a development dependency: types only

_DATE_FORMAT = "%d.%m.%Y"


def _date_field(label: StrOrPromise) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=[_DATE_FORMAT],
        widget=forms.DateInput(format=_DATE_FORMAT, attrs={"autocomplete": "off", "size": 10}),
        help_text=_("dd.mm.åååå"),
        error_messages={"invalid": _("Skriv datoen som dd.mm.åååå, for eksempel 31.01.2026.")},
    )


class EventSearchForm(forms.Form):
    from_date = _date_field(_("Fra dato"))
    to_date = _date_field(_("Til dato"))
    event_type = forms.ChoiceField(label=_("Hendelse"), required=False)
    user = forms.CharField(
        label=_("Utført av"),
        required=False,
        max_length=200,
        help_text=_("Navn, brukernavn eller e-post"),
    )
    object_type = forms.ChoiceField(label=_("Objekttype"), required=False)
    object_id = forms.CharField(label=_("Objekt-id"), required=False, max_length=60)
    case_reference = forms.CharField(
        label=_("Saksnummer"),
        required=False,
        max_length=20,
        help_text=_("Alle hendelser om saken og personene i den, for eksempel 000218"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 8}),
    )
    text = forms.CharField(label=_("Søk i sammendraget"), required=False, max_length=200)
    municipality = MunicipalityChoiceField(
        label=_("Kommune"),
        by_name=True,
        required=False,
        empty_label=_("Alle kommuner"),
    )

    def __init__(self, *args: Any, show_municipality: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        event_type = self.fields["event_type"]
        assert isinstance(event_type, forms.ChoiceField)
        event_type.choices = [("", _("Alle hendelser")), *EventType.choices]
        object_type = self.fields["object_type"]
        assert isinstance(object_type, forms.ChoiceField)
        object_type.choices = [
            ("", _("Alle objekttyper")),
            *sorted(object_type_labels().items(), key=lambda item: item[1]),
        ]
        if not show_municipality:
            # Municipal users see their own municipality only; the filter would say nothing.
            del self.fields["municipality"]

    def clean_case_reference(self) -> str:
        typed = "".join(self.cleaned_data.get("case_reference", "").split())
        if not typed:
            return ""
        if not typed.isdigit() or len(typed) > CASE_REFERENCE_DIGITS:
            raise forms.ValidationError(
                _("Skriv saksnummeret med sifre, for eksempel 000218."), code="invalid"
            )
        return typed.zfill(CASE_REFERENCE_DIGITS)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        from_date, to_date = cleaned.get("from_date"), cleaned.get("to_date")
        if from_date and to_date and from_date > to_date:
            self.add_error("to_date", _("Til-datoen kan ikke være før fra-datoen."))
        return cleaned

    def filters(self) -> EventFilters:
        """The cleaned search; call only on a valid form."""
        data = self.cleaned_data
        return EventFilters(
            from_date=data.get("from_date"),
            to_date=data.get("to_date"),
            event_type=data.get("event_type", ""),
            user=data.get("user", "").strip(),
            object_type=data.get("object_type", ""),
            object_id=data.get("object_id", "").strip(),
            text=data.get("text", "").strip(),
            municipality=data.get("municipality"),
            case_reference=data.get("case_reference", ""),
        )
