"""Checkboxes and radio buttons carry Designsystemet's class, wherever they are drawn."""

from __future__ import annotations

import re
from pathlib import Path

from django import forms

BOSETTING = Path(__file__).resolve().parents[2]
CHOICE_INPUT = re.compile(r"<input\b[^>]*\btype=\"(checkbox|radio)\"[^>]*>")


class _Choices(forms.Form):
    answer = forms.ChoiceField(choices=[("yes", "Ja"), ("no", "Nei")], widget=forms.RadioSelect)
    roles = forms.MultipleChoiceField(
        choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple, required=False
    )
    agreed = forms.BooleanField(required=False)


def test_every_choice_a_form_draws_has_the_ds_input_class() -> None:
    html = str(_Choices(data={"answer": "maybe"}))
    inputs = CHOICE_INPUT.findall(html)
    assert len(inputs) == 5
    for tag in re.finditer(CHOICE_INPUT, html):
        assert 'class="ds-input"' in tag[0], tag[0]
    assert 'id="id_answer_0"' in html
    assert html.count('aria-invalid="true"') == 2  # the answer refused, on each of its radios


def test_every_choice_written_into_a_template_has_the_ds_input_class() -> None:
    missing = [
        f"{path.relative_to(BOSETTING)}: {tag[0]}"
        for path in sorted(BOSETTING.rglob("*.html"))
        for tag in CHOICE_INPUT.finditer(path.read_text(encoding="utf-8"))
        if "ds-input" not in tag[0]
    ]
    assert missing == []
