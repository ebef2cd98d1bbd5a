from django.apps import AppConfig


class RequestFormulaConfig(AppConfig):
    name = "bosetting.requestformula"
