"""Form rendering in Designsystemet's markup, so every form ties its errors to its fields."""

from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting


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
