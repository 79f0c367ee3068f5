from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "egide.support"

    def ready(self):
        from . import hooks

        hooks.register()
