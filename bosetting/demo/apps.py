from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data, the national data generator and the benchmarks. Nothing in the product imports
    it: settings install it and its management commands are its entry points."""

    name = "bosetting.demo"
    label = "demo"
