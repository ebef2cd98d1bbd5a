"""Selects render their options in Python (templates/django/forms/widgets/select.html), exactly as
Django's own templates would."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from bosetting.core.forms import FormRenderer
from bosetting.core.templatetags import ds


class _Form(forms.Form):
    single = forms.ChoiceField(
        choices=[("", "Alle"), ("a", "Ål & <Hol>"), ("b", 'Sogn "indre"')], required=False
    )
    grouped = forms.ChoiceField(
        choices=[("Vestland", [("4601", "Bergen"), ("4615", "Fitjar")]), ("0301", "Oslo")]
    )
    many = forms.MultipleChoiceField(choices=[("1", "Én"), ("2", "To"), ("3", "Tre")])


def _squeezed(html: str) -> str:
    return re.sub(r">\s+<", "><", html).strip()


@pytest.mark.parametrize(
    "data", [{}, {"single": "a", "grouped": "4615", "many": ["1", "3"]}], ids=["empty", "chosen"]
)
def test_every_select_renders_as_djangos_own_templates_do(data):
    ours, djangos = _Form(data or None), _Form(data or None)
    ours.renderer, djangos.renderer = FormRenderer(), DjangoTemplates()
    for name in ("single", "grouped", "many"):
        assert _squeezed(str(ours[name].as_widget())) == _squeezed(str(djangos[name].as_widget()))
    assert "&lt;Hol&gt;" in str(ours["single"].as_widget())


class _Inputs(forms.Form):
    name = forms.CharField(max_length=20, help_text="Hjelp")
    count = forms.IntegerField(min_value=0, max_value=100, widget=forms.NumberInput({"size": 4}))
    day = forms.DateField(widget=forms.DateInput(format="%d.%m.%Y"), required=False)
    mail = forms.EmailField(required=False)
    secret = forms.CharField(widget=forms.PasswordInput, required=False)


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"name": 'Å "x" <y>', "count": "7", "day": "31.02.2027", "mail": "a@b"},
        {"count": "-1"},
    ],
    ids=["unbound", "bound", "errors"],
)
def test_plain_inputs_render_as_djangos_own_templates_do(data):
    """ds_widget writes plain <input>s in Python (a template each made 357 rows take 3 s)."""
    form = _Inputs(data)
    form.renderer = FormRenderer()
    form.is_bound and form.is_valid()
    for field in form:
        attrs = ds._ds_attrs(field)
        assert field.field.widget.template_name in ds._PLAIN_INPUTS
        assert str(ds.ds_widget(field)) == str(field.as_widget(attrs=attrs)), field.name


def test_a_table_cell_carries_its_label_and_its_error():
    form = _Inputs({"count": "-1"})
    form.is_valid()
    cell = str(ds.ds_cell(form["count"]))
    assert cell.startswith('<label class="visually-hidden" for="id_count">Count</label><input')
    assert 'aria-invalid="true"' in cell and 'aria-describedby="id_count_error"' in cell
    assert '<div class="ds-validation-message" data-color="danger" id="id_count_error"><p>' in cell
