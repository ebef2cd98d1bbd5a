"""Selects render their options in Python (templates/django/forms/widgets/select.html), exactly as
Django's own templates would."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from bosetting.core.forms import FormRenderer


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
