from django.apps import AppConfig


class EvictionConfig(AppConfig):
    name = "egide.eviction"

    def ready(self):
        from . import hooks

        hooks.register()
