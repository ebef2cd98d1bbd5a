"""Template helpers for Designsystemet markup."""

from typing import Any

from django import forms, template
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()

_NO_INPUT_CLASS = (forms.CheckboxSelectMultiple, forms.RadioSelect)


@register.filter
def ds_widget(field: forms.BoundField) -> SafeString:
    """The field's widget with Designsystemet's class and its help text and errors described."""
    attrs: dict[str, Any] = {}
    widget = field.field.widget
    if not isinstance(widget, _NO_INPUT_CLASS):
        existing = widget.attrs.get("class", "")
        attrs["class"] = f"{existing} ds-input".strip()
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)


@register.filter
def is_checkbox(field: forms.BoundField) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def uses_fieldset(field: forms.BoundField) -> bool:
    return bool(field.use_fieldset)


@register.filter
def select_options(optgroups: list[tuple[Any, list[dict[str, Any]], int]]) -> SafeString:
    """A select's <option>s (in <optgroup>s where it has them), as Django's templates write them."""
    parts = []
    for group_name, options, _index in optgroups:
        rendered = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (
                    "" if option["value"] is None else str(option["value"]),
                    flatatt(option["attrs"]),
                    option["label"],
                )
                for option in options
            ),
        )
        if group_name:
            rendered = format_html('<optgroup label="{}">{}</optgroup>', group_name, rendered)
        parts.append(rendered)
    return SafeString("".join(parts))
