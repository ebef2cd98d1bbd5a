from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "bosetting.organisations"

    def ready(self) -> None:
        from . import fields  # noqa: F401  (connects the signals that forget cached options)
