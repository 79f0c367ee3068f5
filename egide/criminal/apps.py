from django.apps import AppConfig


class CriminalConfig(AppConfig):
    name = "egide.criminal"

    def ready(self):
        from . import hooks

        hooks.register()
