"""The lists to pick several from are marked for the combobox script and keep a native fallback."""

from __future__ import annotations

from django import forms

from bosetting.cases.forms import AssessmentForm, PersonForm
from bosetting.core.forms import SearchableSelectMultiple


class _Languages(forms.Form):
    languages = forms.MultipleChoiceField(
        choices=[("tir", "Tigrinja"), ("ara", "Arabisk")],
        help_text="Hold Ctrl (eller Cmd) nede for å velge flere.",
        widget=SearchableSelectMultiple,
    )


def test_the_native_list_is_drawn_and_marked_for_the_combobox() -> None:
    html = str(_Languages(initial={"languages": ["ara"]})["languages"].as_field_group())
    assert '<select name="languages"' in html
    assert "multiple" in html
    assert "data-combobox" in html
    assert 'data-combobox-help="Skriv for å søke.' in html
    assert '<option value="ara" selected>Arabisk</option>' in html
    # Without JavaScript the help text tells how the native list picks several.
    assert "Hold Ctrl (eller Cmd) nede for å velge flere." in html


def test_the_case_forms_use_it_for_languages_and_municipalities() -> None:
    assert isinstance(PersonForm.base_fields["languages"].widget, SearchableSelectMultiple)
    for name in ("family_municipalities", "wish_municipalities"):
        assert isinstance(AssessmentForm.base_fields[name].widget, SearchableSelectMultiple)
