from django.apps import AppConfig


class PerpetratorsConfig(AppConfig):
    name = "egide.perpetrators"

    def ready(self):
        from . import hooks

        hooks.register()
