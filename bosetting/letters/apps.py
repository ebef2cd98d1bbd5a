from typing import Any

from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class LettersConfig(AppConfig):
    name = "bosetting.letters"

    def ready(self) -> None:
        from .actions import install_default_templates

        def install(sender: AppConfig, **kwargs: Any) -> None:
            # migrate passes the migrated models; flush (the test suite's) passes none.
            install_default_templates(
                apps=kwargs.get("apps", apps), using=kwargs.get("using", "default")
            )

        # As Django installs content types: after every migrate, and after the test suite's
        # flush, so a letter always finds a template to be made from.
        post_migrate.connect(install, sender=self, weak=False)
