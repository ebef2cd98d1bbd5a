"""Template helpers for Designsystemet markup."""

from typing import Any

from django import forms, template
from django.forms.boundfield import BoundWidget
from django.utils.safestring import SafeString

register = template.Library()

_NO_INPUT_CLASS = (forms.CheckboxSelectMultiple, forms.RadioSelect)


@register.filter
def ds_widget(field: forms.BoundField) -> SafeString:
    """The field's widget with Designsystemet's class and its help text and errors described."""
    widget = field.field.widget
    return _widget(field, None if isinstance(widget, _NO_INPUT_CLASS) else "ds-input")


@register.filter
def ds_file_widget(field: forms.BoundField) -> SafeString:
    """A file input that the picker's label stands in front of (templates/forms/field.html)."""
    return _widget(field, "file-picker__input")


@register.filter
def is_file(field: forms.BoundField) -> bool:
    return isinstance(field.field.widget, forms.FileInput)


def _widget(field: forms.BoundField, css_class: str | None) -> SafeString:
    attrs: dict[str, Any] = {}
    if css_class:
        existing = field.field.widget.attrs.get("class", "")
        attrs["class"] = f"{existing} {css_class}".strip()
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
def ds_choices(field: forms.BoundField) -> list[BoundWidget]:
    """The checkboxes or radio buttons of a multiple-choice field with Designsystemet's class:
    without it they are the browser's own 13-pixel boxes."""
    widget = field.field.widget
    attrs = {"id": widget.attrs.get("id") or field.auto_id, "class": "ds-input"}
    if field.errors:
        attrs["aria-invalid"] = "true"
    attrs = field.build_widget_attrs(attrs)
    return [
        BoundWidget(widget, choice, field.form.renderer)
        for choice in widget.subwidgets(field.html_name, field.value(), attrs=attrs)
    ]


@register.filter
def is_checkbox(field: forms.BoundField) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def uses_fieldset(field: forms.BoundField) -> bool:
    return bool(field.use_fieldset)
