from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "bosetting.matching"
    verbose_name = "Fordelingsforslag"
