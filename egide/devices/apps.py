from django.apps import AppConfig


class DevicesConfig(AppConfig):
    name = "egide.devices"

    def ready(self):
        from . import hooks

        hooks.register()
