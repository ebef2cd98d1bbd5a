from django.apps import AppConfig


class HelpConfig(AppConfig):
    """The user guides: one Markdown file per role and language, rendered, searchable, printable."""

    name = "bosetting.help"
    label = "help"
