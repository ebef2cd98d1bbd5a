from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The shell every page shares: home, health, error pages, navigation, the root URLconf."""

    name = "bosetting.site"
    label = "site"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the production checks)
