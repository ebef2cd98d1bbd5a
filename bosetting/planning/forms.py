"""Forms for requests and decisions. They check input; the rules of the process live in actions."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bosetting.core.forms import model_choice_field
from bosetting.organisations.forms import CountyChoiceField
from bosetting.organisations.models import County, Municipality
from bosetting.organisations.validators import validate_pdf_document

from .actions import RequestNumbers
from .models import SettlementRequest
from .overview import OverviewStatus

DATE_INPUT_FORMATS = ["%d.%m.%Y"]
MAX_MEGABYTES = settings.MAX_DOCUMENT_SIZE // (1024 * 1024)
MAX_UPLOAD_BYTES = 2 * 1024 * 1024


def date_field(label: Any, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=gettext_lazy("Skriv datoen som dd.mm.åååå, for eksempel 01.03.2027."),
        input_formats=DATE_INPUT_FORMATS,
        error_messages={"invalid": gettext_lazy("Skriv en gyldig dato som dd.mm.åååå.")},
        widget=forms.DateInput(format="%d.%m.%Y", attrs={"inputmode": "numeric"}),
        **kwargs,
    )


def count_field(label: Any, **kwargs: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=100_000,
        error_messages={
            "invalid": gettext_lazy("Skriv et helt tall."),
            "min_value": gettext_lazy("Tallet kan ikke være negativt."),
            "required": gettext_lazy("Fyll inn antall."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        **kwargs,
    )


def year_choices() -> list[tuple[int, int]]:
    this_year = timezone.localdate().year
    return [(year, year) for year in range(this_year + 1, this_year - 10, -1)]


class YearCountyForm(forms.Form):
    """Which year and which part of the country a page shows (GET)."""

    aar = forms.TypedChoiceField(label=gettext_lazy("År"), coerce=int, choices=year_choices)
    fylke = CountyChoiceField(
        label=gettext_lazy("Fylke"),
        queryset=County.objects.order_by("number"),
        required=False,
        empty_label=gettext_lazy("Hele landet"),
        to_field_name="number",
    )


class OverviewFilterForm(YearCountyForm):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        choices=[("", gettext_lazy("Alle statuser")), *OverviewStatus.choices],
        required=False,
    )


class CommonTermsForm(forms.Form):
    """The deadline and cover text common to a year's requests."""

    deadline = date_field(gettext_lazy("Svarfrist"))
    cover_text = forms.CharField(
        label=gettext_lazy("Følgetekst i brevet"),
        help_text=gettext_lazy("Hvert linjeskift blir et nytt avsnitt i anmodningsbrevet."),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )

    def clean_deadline(self) -> datetime.date:
        deadline: datetime.date = self.cleaned_data["deadline"]
        if deadline < timezone.localdate():
            raise forms.ValidationError(_("Svarfristen kan ikke være tilbake i tid."))
        return deadline


@dataclass
class PreparationRow:
    municipality: Municipality
    places: forms.BoundField
    minors: forms.BoundField
    planning: forms.BoundField
    # The formula's proposal for the draft (requestformula), and the reason for a deviation.
    formula_places: int | None = None
    reason: forms.BoundField | None = None


class PreparationForm(CommonTermsForm):
    """One row of inputs per municipality not yet sent a request; drafts fill them in.

    What the user sees in a field is what is saved: every row is posted, a row whose numbers
    differ from its draft (or that has no draft) is saved, and a row emptied of its numbers
    discards its draft. A row left out of the post keeps its draft. `has_changes()` says whether
    a save would change anything at all.
    """

    def __init__(
        self,
        data: Any = None,
        *,
        municipalities: list[Municipality],
        drafts: dict[int, SettlementRequest],
        **kwargs: Any,
    ) -> None:
        self.municipalities = municipalities
        self.drafts = drafts
        initial = kwargs.pop("initial", {}) or {}
        for municipality in municipalities:
            draft = drafts.get(municipality.pk)
            if draft is not None:
                initial[f"places_{municipality.number}"] = draft.places
                initial[f"minors_{municipality.number}"] = draft.unaccompanied_minors
                initial[f"planning_{municipality.number}"] = draft.planning_number_next_year
                if draft.formula_places is not None:
                    initial[f"reason_{municipality.number}"] = draft.deviation_reason
        self.posted: set[str] = set()
        if data is not None:
            # Rows left out of the post are shown again with their drafts' numbers.
            data = data.copy()
            self.posted = {m.number for m in municipalities if f"places_{m.number}" in data}
            for key, value in initial.items():
                if key not in data and value is not None:
                    data[key] = value
        super().__init__(data, initial=initial, **kwargs)
        for municipality in municipalities:
            name = municipality.name
            self.fields[f"places_{municipality.number}"] = count_field(
                format_lazy(_("Antall for {}"), name), required=False
            )
            self.fields[f"minors_{municipality.number}"] = count_field(
                format_lazy(_("Enslige mindreårige for {}"), name), required=False
            )
            self.fields[f"planning_{municipality.number}"] = count_field(
                format_lazy(_("Planleggingstall for {}"), name), required=False
            )
            if self._formula_places(municipality) is not None:
                self.fields[f"reason_{municipality.number}"] = forms.CharField(
                    label=format_lazy(_("Begrunnelse for avvik fra formelen for {}"), name),
                    required=False,
                    max_length=500,
                )

    def _formula_places(self, municipality: Municipality) -> int | None:
        draft = self.drafts.get(municipality.pk)
        return None if draft is None else draft.formula_places

    def table(self) -> list[PreparationRow]:
        return [
            PreparationRow(
                municipality=m,
                places=self[f"places_{m.number}"],
                minors=self[f"minors_{m.number}"],
                planning=self[f"planning_{m.number}"],
                formula_places=self._formula_places(m),
                reason=self[f"reason_{m.number}"] if f"reason_{m.number}" in self.fields else None,
            )
            for m in self.municipalities
        ]

    @property
    def has_formula(self) -> bool:
        """Whether a draft came from the formula, so the table shows its column."""
        return any(draft.formula_places is not None for draft in self.drafts.values())

    def row_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name not in ("deadline", "cover_text")]

    def has_changes(self) -> bool:
        """After `is_valid()`: whether saving would change a draft, its terms or discard one."""
        cleaned = self.cleaned_data
        terms_changed = any(
            cleaned.get(name) != self.initial.get(name, "" if name == "cover_text" else None)
            for name in ("deadline", "cover_text")
        )
        return bool(cleaned["rows"] or cleaned["discarded"]) or (
            terms_changed and bool(self.drafts)
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        rows, discarded = [], []
        for municipality in self.municipalities:
            if municipality.number not in self.posted:
                continue
            places = cleaned.get(f"places_{municipality.number}")
            minors = cleaned.get(f"minors_{municipality.number}")
            planning = cleaned.get(f"planning_{municipality.number}")
            draft = self.drafts.get(municipality.pk)
            if places is None:
                if minors is not None or planning is not None:
                    self.add_error(
                        f"places_{municipality.number}",
                        _("Fyll inn antall når du fyller inn andre tall for kommunen."),
                    )
                elif draft is not None and f"places_{municipality.number}" not in self.errors:
                    discarded.append(municipality)
                continue
            if minors is not None and minors > places:
                self.add_error(
                    f"minors_{municipality.number}",
                    _("Kan ikke være flere enn antallet (%(places)s).") % {"places": places},
                )
                continue
            reason = None
            formula_places = self._formula_places(municipality)
            if formula_places is not None:
                reason = (cleaned.get(f"reason_{municipality.number}") or "").strip()
                if places != formula_places and not reason:
                    self.add_error(
                        f"reason_{municipality.number}",
                        _("Skriv hvorfor antallet avviker fra formelens forslag (%(places)s).")
                        % {"places": formula_places},
                    )
                    continue
                if places == formula_places:
                    reason = ""
            numbers = RequestNumbers(
                municipality=municipality,
                places=places,
                unaccompanied_minors=minors or 0,
                planning_number_next_year=planning,
                deviation_reason=reason,
            )
            if draft is None or (
                draft.places,
                draft.unaccompanied_minors,
                draft.planning_number_next_year,
                draft.deviation_reason if reason is not None else None,
            ) != (numbers.places, numbers.unaccompanied_minors, planning, reason):
                rows.append(numbers)
        cleaned["rows"] = rows
        cleaned["discarded"] = discarded
        return cleaned


class UploadForm(CommonTermsForm):
    file = forms.FileField(
        label=gettext_lazy("Fil med tall (CSV eller XLSX)"),
        help_text=gettext_lazy(
            "Kolonner: kommunenummer, antall, enslige_mindreaarige, planleggingstall. "
            "CSV med semikolon eller komma, lagret som UTF-8."
        ),
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Filen er for stor. Den kan være høyst 2 MB."))
        return upload


class _DraftChoiceField(forms.ModelMultipleChoiceField[SettlementRequest]):
    def label_from_instance(self, obj: SettlementRequest) -> str:
        return f"{obj.municipality.number} {obj.municipality.name}: {obj.places}"


class SendForm(forms.Form):
    requests = _DraftChoiceField(
        label=gettext_lazy("Utkast som skal sendes"),
        queryset=SettlementRequest.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, drafts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "requests").queryset = drafts


class AdjustForm(forms.Form):
    places = count_field(gettext_lazy("Antall flyktninger"))
    unaccompanied_minors = count_field(gettext_lazy("Herav enslige mindreårige"))
    planning_number_next_year = count_field(
        gettext_lazy("Planleggingstall for neste år"), required=False
    )
    deadline = date_field(gettext_lazy("Svarfrist"))
    reason = forms.CharField(
        label=gettext_lazy("Begrunnelse for justeringen"),
        help_text=gettext_lazy("Begrunnelsen står i det nye brevet til kommunen."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Skriv hvorfor anmodningen justeres.")},
    )


YES_NO = [("ja", gettext_lazy("Ja")), ("nei", gettext_lazy("Nei"))]


class DecisionForm(forms.Form):
    places = count_field(gettext_lazy("Antall flyktninger kommunen vil bosette"))
    takes_unaccompanied_minors = forms.ChoiceField(
        label=gettext_lazy("Tar kommunen imot enslige mindreårige?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Velg ja eller nei.")},
    )
    unaccompanied_minors = count_field(
        gettext_lazy("Herav enslige mindreårige"),
        help_text=gettext_lazy("Mer enn 0 når kommunen tar imot enslige mindreårige, ellers 0."),
        required=False,
    )
    council_decided_on = date_field(gettext_lazy("Dato for kommunestyrets vedtak"))
    document = forms.FileField(
        label=gettext_lazy("Kommunestyrets vedtak (PDF)"),
        help_text=format_lazy(
            gettext_lazy("PDF-fil, høyst {} MB. Må være lastet opp før vedtaket godkjennes."),
            MAX_MEGABYTES,
        ),
        required=False,
        validators=[validate_pdf_document],
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    comment = forms.CharField(
        label=gettext_lazy("Kommentar til IMDi"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        takes = cleaned.get("takes_unaccompanied_minors")
        minors = cleaned.get("unaccompanied_minors")
        if takes == "ja" and not minors:
            self.add_error(
                "unaccompanied_minors", _("Skriv hvor mange enslige mindreårige kommunen tar imot.")
            )
        if takes == "nei" and minors:
            self.add_error(
                "unaccompanied_minors",
                _("Når kommunen ikke tar imot enslige mindreårige, skal antallet være 0."),
            )
        places = cleaned.get("places")
        if places is not None and minors and minors > places:
            self.add_error(
                "unaccompanied_minors", _("Kan ikke være flere enn antallet flyktninger.")
            )
        decided_on = cleaned.get("council_decided_on")
        if decided_on is not None and decided_on > timezone.localdate():
            self.add_error(
                "council_decided_on",
                _("Datoen for kommunestyrets vedtak kan ikke være i fremtiden."),
            )
        return cleaned

    def action_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "places": data["places"],
            "takes_unaccompanied_minors": data["takes_unaccompanied_minors"] == "ja",
            "unaccompanied_minors": data["unaccompanied_minors"] or 0,
            "council_decided_on": data["council_decided_on"],
            "document": data["document"],
            "comment": data["comment"],
        }


def default_deadline(year: int) -> datetime.date:
    """IMDi's usual reply deadline when nothing is chosen yet."""
    return max(datetime.date(year, 3, 1), timezone.localdate() + datetime.timedelta(days=42))
