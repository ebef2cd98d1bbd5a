from django.apps import AppConfig


class SettlementConfig(AppConfig):
    name = "bosetting.settlement"
