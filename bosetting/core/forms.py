"""Form rendering in Designsystemet's markup, so every form ties its errors to its fields."""

from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
