"""Forms for registering and correcting settlement dates. The rules live in actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bosetting.cases.forms import date_field
from bosetting.cases.models import Person
from bosetting.cases.queries import head_first


class PersonChoiceField(forms.ModelMultipleChoiceField[Person]):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.full_name} ({obj.birth_date:%d.%m.%Y}, {obj.get_relation_display().lower()})"


class RegisterForm(forms.Form):
    """One date for the chosen persons of one case: the whole household, or some of them."""

    persons = PersonChoiceField(
        label=_("Hvem er bosatt?"),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Velg minst én person."),
            # The list is of persons still waiting: one registered meanwhile is no longer in it.
            "invalid_choice": _(
                "En av personene er allerede registrert bosatt. Last siden på nytt og prøv igjen."
            ),
        },
    )
    settled_on = date_field(_("Bosettingsdato"))

    def __init__(self, *args: Any, persons: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["persons"]
        assert isinstance(field, PersonChoiceField)
        field.queryset = Person.objects.filter(pk__in=[p.pk for p in persons]).order_by(
            *head_first()
        )
        self.initial.setdefault("persons", [p.pk for p in persons])


class CorrectionForm(forms.Form):
    CHANGE = "change"
    WITHDRAW = "withdraw"

    what = forms.ChoiceField(
        label=_("Hva skal rettes?"),
        choices=[
            (CHANGE, _("Bosettingsdatoen var feil")),
            (WITHDRAW, _("Personen er ikke bosatt: bosettingen ble registrert ved en feil")),
        ],
        widget=forms.RadioSelect,
        initial=CHANGE,
    )
    settled_on = date_field(
        _("Riktig bosettingsdato"),
        required=False,
        help_text=_("Skriv datoen som dd.mm.åååå. Trengs ikke når bosettingen trekkes tilbake."),
    )
    reason = forms.CharField(
        label=_("Begrunnelse"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hvorfor rettes registreringen? Begrunnelsen lagres i loggen."),
        error_messages={"required": _("Skriv hvorfor registreringen rettes.")},
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        missing = cleaned.get("what") == self.CHANGE and not cleaned.get("settled_on")
        if missing and "settled_on" not in self.errors:
            self.add_error("settled_on", _("Skriv riktig bosettingsdato."))
        return cleaned
