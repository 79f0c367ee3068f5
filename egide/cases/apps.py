from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "egide.cases"
