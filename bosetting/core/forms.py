"""Form rendering in Designsystemet's markup, so every form ties its errors to its fields."""

from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext as _


class FormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """The form's field `name` as the choice field it is, for setting its choices at run time."""
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    return field


def model_choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    """The form's field `name` as the model choice field it is, for setting its queryset."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    return field


class SearchableSelectMultiple(forms.SelectMultiple):
    """A list to pick several from, which static/bosetting/combobox.js turns into a combobox the
    user types in to search and picks from with the keyboard. Without JavaScript it stays the
    browser's own list, where Ctrl (or Cmd) picks more than one: the field's help text says so,
    and the script puts its own in that text's place."""

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].update(
            {
                "data-combobox": "",
                "data-combobox-help": _(
                    "Skriv for å søke. Velg med pil ned og Enter; du kan velge flere."
                ),
                "data-combobox-remove": _("Fjern"),
                "data-combobox-chosen": _("Valgt"),
                "data-combobox-one": _("1 treff"),
                "data-combobox-many": _("%(count)s treff"),
                "data-combobox-none": _("Ingen treff"),
            }
        )
        return context


class QuickSelect(forms.Select):
    """A select of many flat options (357 municipalities, hundreds of open proposals) whose
    options are plain dicts: Django's `create_option` per option was half of such a select's
    time. The options are what templates/django/forms/widgets/select.html writes (value, label,
    attrs); grouped choices take Django's own way."""

    def optgroups(
        self, name: str, value: list[str], attrs: dict[str, Any] | None = None
    ) -> list[tuple[str | None, list[dict[str, Any]], int | None]]:
        choices = list(self.choices)
        if any(isinstance(label, (list, tuple)) for _value, label in choices):
            return super().optgroups(name, value, attrs)
        wanted = set(value)
        options = []
        found = False
        for option_value, label in choices:
            text = "" if option_value is None else str(option_value)
            selected = not found and text in wanted
            found = found or selected
            options.append(
                {"value": text, "label": label, "attrs": {"selected": True} if selected else {}}
            )
        return [(None, options, 0)]
