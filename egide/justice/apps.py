from django.apps import AppConfig


class JusticeConfig(AppConfig):
    name = "egide.justice"

    def ready(self):
        from . import hooks

        hooks.register()
