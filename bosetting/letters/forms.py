"""The letter template forms. The placeholder rules live in actions.check_version_text; the
forms run the same check so that each message stands next to its own field."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from bosetting.cases.codes import language_choices

from .actions import LetterTemplateError, check_version_text
from .models import NORWEGIAN


class TemplateVersionForm(forms.Form):
    title = forms.CharField(label=_("Overskrift"), max_length=200)
    body = forms.CharField(
        label=_("Brevtekst"),
        widget=forms.Textarea(attrs={"rows": 24}),
        max_length=20000,
        help_text=_(
            "Tom linje gir nytt avsnitt. Et avsnitt som begynner med «# » blir en "
            "mellomoverskrift. Flettefelt skrives i krøllparentes, for eksempel {kommune}."
        ),
    )
    legal_basis = forms.CharField(
        label=_("Lovhjemmel"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Lovhenvisningene brevet viser til med {lovhjemmel}, for eksempel «integreringsloven § 41»."
        ),
    )
    person_columns = forms.CharField(
        label=_("Overskrifter i personlisten"),
        max_length=200,
        help_text=_("Tre overskrifter skilt med semikolon: navn, DUF-nummer og fødselsdato."),
    )
    # The version the text was opened from: a save on top of someone else's is refused.
    based_on = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        texts = [cleaned.get(name) for name in ("title", "body", "legal_basis", "person_columns")]
        if all(texts):
            try:
                check_version_text(
                    self.kind,
                    title=cleaned["title"],
                    body=cleaned["body"],
                    legal_basis=cleaned["legal_basis"],
                    person_columns=cleaned["person_columns"],
                )
            except LetterTemplateError as error:
                self.add_error(error.field, error.message)
        return cleaned


class TranslationForm(TemplateVersionForm):
    language = forms.ChoiceField(label=_("Språket brevet oversettes til"))

    field_order = ["language", "title", "body", "legal_basis", "person_columns"]

    def __init__(self, *args: Any, existing: set[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = cast(forms.ChoiceField, self.fields["language"])
        language.choices = [
            ("", _("Velg språk")),
            *(
                (code, name)
                for code, name in language_choices()
                if code != NORWEGIAN and code not in existing
            ),
        ]
