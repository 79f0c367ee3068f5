from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "egide.cases"

    def ready(self):
        from . import hooks

        hooks.register()
