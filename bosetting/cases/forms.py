"""Forms for registering persons, the assessment, documents, notes, search and list filters.

Forms check input; the rules (uniqueness, consent, own centre) live in actions.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from bosetting.accounts.permissions import Scope
from bosetting.core.forms import SearchableSelectMultiple, choice_field, model_choice_field
from bosetting.organisations.fields import MunicipalityMultipleChoiceField
from bosetting.organisations.models import County, ReceptionCentre

from .actions import HealthInput, PersonData
from .assessment import EducationLevel, NorwegianLevel, SpecialNeed, YesNo
from .codes import country_choices, language_choices
from .models import CaseState, Category, Person, Relation, Residence, Sex
from .queries import CaseSort
from .validators import MAX_DOCUMENT_SIZE, digits_only, validate_duf_number, validate_national_id

DATE_INPUT_FORMATS = ["%d.%m.%Y"]
DATE_HELP = _("Skriv datoen som dd.mm.åååå, for eksempel 03.02.2026.")


def date_field(label: Any, *, required: bool = True, help_text: Any = DATE_HELP) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        input_formats=DATE_INPUT_FORMATS,
        error_messages={"invalid": _("Skriv en gyldig dato som dd.mm.åååå.")},
        widget=forms.DateInput(format="%d.%m.%Y", attrs={"inputmode": "numeric"}),
    )


class CentreChoiceField(forms.ModelChoiceField[ReceptionCentre]):
    def label_from_instance(self, obj: ReceptionCentre) -> str:
        return obj.name


class PersonForm(forms.Form):
    duf_number = forms.CharField(
        label=_("DUF-nummer"),
        help_text=_("12 sifre."),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    national_id = forms.CharField(
        label=_("Fødselsnummer eller D-nummer"),
        help_text=_("11 sifre. La feltet stå tomt om personen ikke har fått et ennå."),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    given_names = forms.CharField(label=_("Fornavn"), max_length=100)
    family_name = forms.CharField(label=_("Etternavn"), max_length=100)
    birth_date = date_field(_("Fødselsdato"))
    sex = forms.ChoiceField(label=_("Kjønn"), choices=Sex.choices, widget=forms.RadioSelect)
    citizenship = forms.ChoiceField(label=_("Statsborgerskap"), choices=[])
    languages = forms.MultipleChoiceField(
        label=_("Språk"),
        help_text=_("Hold Ctrl (eller Cmd) nede for å velge flere."),
        choices=[],
        required=False,
        widget=SearchableSelectMultiple,
    )
    interpreter_language = forms.ChoiceField(label=_("Tolkespråk"), choices=[], required=False)
    category = forms.ChoiceField(label=_("Kategori"), choices=Category.choices)
    residence = forms.ChoiceField(
        label=_("Hvor bor personen?"), choices=Residence.choices, widget=forms.RadioSelect
    )
    reception_centre = CentreChoiceField(
        label=_("Mottak"),
        queryset=ReceptionCentre.objects.order_by("name"),
        required=False,
        help_text=_("Fylles ut når personen bor i mottak."),
    )
    research_opt_out = forms.BooleanField(
        label=_("Personen har reservert seg mot bruk av opplysningene i forskning"),
        required=False,
    )

    def __init__(
        self, *args: Any, own_centre: ReceptionCentre | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "citizenship").choices = [("", _("Velg land")), *country_choices()]
        choice_field(self, "languages").choices = language_choices()
        choice_field(self, "interpreter_language").choices = [
            ("", _("Trenger ikke tolk")),
            *language_choices(),
        ]
        if own_centre is not None:
            # Reception staff register their own residents only.
            choice_field(self, "residence").choices = [
                (Residence.RECEPTION_CENTRE, Residence.RECEPTION_CENTRE.label)
            ]
            self.fields["residence"].initial = Residence.RECEPTION_CENTRE
            centre_field = model_choice_field(self, "reception_centre")
            centre_field.queryset = ReceptionCentre.objects.filter(pk=own_centre.pk)
            centre_field.initial = own_centre.pk
            centre_field.empty_label = None

    def clean_duf_number(self) -> str:
        value = digits_only(self.cleaned_data["duf_number"])
        validate_duf_number(value)
        return value

    def clean_national_id(self) -> str:
        value = digits_only(self.cleaned_data["national_id"])
        if value:
            validate_national_id(value)
        return value

    @staticmethod
    def initial_from(person: Person) -> dict[str, Any]:
        return {
            "duf_number": person.duf_number,
            "national_id": person.national_id,
            "given_names": person.given_names,
            "family_name": person.family_name,
            "birth_date": person.birth_date,
            "sex": person.sex,
            "citizenship": person.citizenship,
            "languages": person.languages,
            "interpreter_language": person.interpreter_language,
            "category": person.category,
            "residence": person.residence,
            "reception_centre": person.reception_centre_id,
            "research_opt_out": person.research_opt_out,
        }

    def person_data(self) -> PersonData:
        data = self.cleaned_data
        return PersonData(
            duf_number=data["duf_number"],
            national_id=data["national_id"],
            given_names=data["given_names"],
            family_name=data["family_name"],
            birth_date=data["birth_date"],
            sex=data["sex"],
            citizenship=data["citizenship"],
            languages=data["languages"],
            interpreter_language=data["interpreter_language"],
            category=data["category"],
            residence=data["residence"],
            reception_centre=data["reception_centre"],
            research_opt_out=data["research_opt_out"],
        )


class MemberForm(PersonForm):
    relation = forms.ChoiceField(
        label=_("Relasjon til hovedpersonen"),
        choices=[(value, label) for value, label in Relation.choices if value != Relation.HEAD],
    )
    field_order = ["relation"]

    @staticmethod
    def initial_from_head(head: Person) -> dict[str, Any]:
        """What a new member most likely shares with the head of household."""
        return {
            "citizenship": head.citizenship,
            "languages": list(head.languages),
            "category": head.category,
        }


class CountyMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: County) -> str:
        return obj.name


YES_NO = [("", _("Ikke besvart")), *YesNo.choices]


class AssessmentForm(forms.Form):
    # Family and network in Norway
    family_in_norway = forms.ChoiceField(
        label=_("Har personen familie eller nettverk i Norge?"), choices=YES_NO, required=False
    )
    family_municipalities = MunicipalityMultipleChoiceField(
        label=_("Kommuner der personen har familie"),
        by_name=True,
        with_number=False,
        to_field_name="number",
        required=False,
        help_text=_("Hold Ctrl (eller Cmd) nede for å velge flere."),
        widget=SearchableSelectMultiple,
    )
    network_note = forms.CharField(
        label=_("Om familien og nettverket"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # Education
    education_level = forms.ChoiceField(
        label=_("Utdanningsnivå"),
        choices=[("", _("Ikke besvart")), *EducationLevel.choices],
        required=False,
    )
    education_field = forms.CharField(label=_("Fagfelt"), max_length=200, required=False)
    education_years = forms.IntegerField(
        label=_("Antall år skolegang"),
        min_value=0,
        max_value=30,
        required=False,
        error_messages={
            "min_value": _("Skriv et tall mellom 0 og 30."),
            "max_value": _("Skriv et tall mellom 0 og 30."),
            "invalid": _("Skriv et helt tall."),
        },
    )
    # Work experience
    work_years = forms.IntegerField(
        label=_("År med arbeidserfaring"),
        min_value=0,
        max_value=70,
        required=False,
        error_messages={
            "min_value": _("Skriv et tall mellom 0 og 70."),
            "max_value": _("Skriv et tall mellom 0 og 70."),
            "invalid": _("Skriv et helt tall."),
        },
    )
    work_fields = forms.CharField(
        label=_("Yrker og arbeidsområder"), max_length=500, required=False
    )
    # Languages
    norwegian_level = forms.ChoiceField(
        label=_("Norsknivå"),
        choices=[("", _("Ikke besvart")), *NorwegianLevel.choices],
        required=False,
    )
    # Special needs
    special_needs = forms.MultipleChoiceField(
        label=_("Særskilte behov"),
        choices=SpecialNeed.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # Health: a GDPR special category, only with consent
    health_consent = forms.BooleanField(
        label=_("Personen har samtykket til at helseopplysninger registreres"), required=False
    )
    health_consent_date = date_field(_("Dato for samtykket"), required=False)
    health_consent_taken_by = forms.CharField(
        label=_("Samtykket tatt av"), max_length=200, required=False, help_text=_("Navn og rolle.")
    )
    health_details = forms.CharField(
        label=_("Nye helseopplysninger"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Erstatter de lagrede helseopplysningene. La feltet stå tomt for å beholde dem. "
            "Lagrede helseopplysninger vises ikke her, fordi hver lesing logges."
        ),
    )
    delete_health_details = forms.BooleanField(
        label=_("Slett de lagrede helseopplysningene"), required=False
    )
    # Wishes
    wish_municipalities = MunicipalityMultipleChoiceField(
        label=_("Ønskede kommuner"),
        by_name=True,
        with_number=False,
        to_field_name="number",
        required=False,
        help_text=_("Hold Ctrl (eller Cmd) nede for å velge flere."),
        widget=SearchableSelectMultiple,
    )
    wish_counties = CountyMultipleChoiceField(
        label=_("Ønskede fylker"),
        queryset=County.objects.order_by("name"),
        to_field_name="number",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    wish_reasons = forms.CharField(
        label=_("Begrunnelse for ønskene"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    # Pets
    has_pets = forms.ChoiceField(label=_("Har personen kjæledyr?"), choices=YES_NO, required=False)
    pets = forms.CharField(label=_("Hvilke kjæledyr"), max_length=200, required=False)
    # Free text
    note = forms.CharField(
        label=_("Merknad"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_special_needs(self) -> list[str]:
        needs: list[str] = self.cleaned_data["special_needs"]
        if SpecialNeed.NONE in needs and len(needs) > 1:
            raise forms.ValidationError(
                _("«Ingen særskilte behov» kan ikke velges sammen med et behov.")
            )
        return needs

    def assessment_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["family_municipalities"] = [m.number for m in data["family_municipalities"]]
        data["wish_municipalities"] = [m.number for m in data["wish_municipalities"]]
        data["wish_counties"] = [c.number for c in data["wish_counties"]]
        return data

    def health_input(self) -> HealthInput:
        data = self.cleaned_data
        return HealthInput(
            consent=data["health_consent"],
            consent_date=data["health_consent_date"],
            consent_taken_by=data["health_consent_taken_by"],
            details=data["health_details"],
            delete_details=data["delete_health_details"],
        )

    @staticmethod
    def initial_from(version: Any) -> dict[str, Any]:
        if version is None:
            return {}
        initial = dict(version.data)
        initial.update(
            health_consent=version.health_consent,
            health_consent_date=version.health_consent_date,
            health_consent_taken_by=version.health_consent_taken_by,
        )
        return initial


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Tittel"), max_length=200)
    person: forms.ModelChoiceField[Person] = forms.ModelChoiceField(
        label=_("Gjelder"), queryset=None, required=False, empty_label=_("Hele husstanden")
    )
    file = forms.FileField(
        label=_("Fil"),
        help_text=format_lazy(
            _("PDF, JPEG eller PNG, høyst {} MB."), MAX_DOCUMENT_SIZE // (1024 * 1024)
        ),
        widget=forms.FileInput(
            attrs={"accept": "application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"}
        ),
    )

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "person").queryset = members


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Nytt notat"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class SearchForm(forms.Form):
    term = forms.CharField(
        label=_("Søk etter DUF-nummer, navn eller fødselsnummer"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


# The settled-year filter offers this year and the ten before it: the history the system holds.
SETTLED_YEARS = 11


class CaseFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Alle statuser")), *CaseState.choices], required=False
    )
    category = forms.ChoiceField(
        label=_("Kategori"), choices=[("", _("Alle kategorier")), *Category.choices], required=False
    )
    centre = CentreChoiceField(
        label=_("Mottak"),
        queryset=ReceptionCentre.objects.order_by("name"),
        required=False,
        empty_label=_("Alle mottak"),
    )
    county = forms.ModelChoiceField(
        label=_("Fylke"),
        queryset=County.objects.order_by("number"),
        required=False,
        empty_label=_("Alle fylker"),
    )
    settled_year = forms.TypedChoiceField(
        label=_("Bosatt i år"), coerce=int, empty_value=None, required=False
    )
    waiting = forms.BooleanField(label=_("Bare de som venter på bosettingsdato"), required=False)
    sort = forms.ChoiceField(label=_("Sorter etter"), choices=CaseSort.choices, required=False)

    def __init__(self, *args: Any, scope: Scope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year = timezone.localdate().year
        choice_field(self, "settled_year").choices = [
            ("", _("Alle år")),
            *[(str(y), str(y)) for y in range(year, year - SETTLED_YEARS, -1)],
        ]
        if scope.municipality_id is not None:
            # A municipality reaches its matched and settled households only (cases_visible_to),
            # all of them in the municipality: other states, centres and counties would filter
            # nothing.
            choice_field(self, "state").choices = [
                ("", _("Søkt ut og bosatt")),
                (CaseState.MATCHED, CaseState.MATCHED.label),
                (CaseState.SETTLED, CaseState.SETTLED.label),
            ]
            del self.fields["centre"]
            del self.fields["county"]

    def query_arguments(self) -> dict[str, Any]:
        """The valid filters for `queries.case_list`: an invalid one is shown with its message
        next to its field and left out, the others still apply."""
        self.is_valid()
        return {
            key: value
            for key, value in getattr(self, "cleaned_data", {}).items()
            if value not in (None, "", False)
        }
