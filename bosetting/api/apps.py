from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "bosetting.api"

    def ready(self) -> None:
        from . import schema  # noqa: F401  (registers the bearer token with drf-spectacular)
