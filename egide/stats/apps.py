from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "egide.stats"

    def ready(self):
        from . import hooks

        hooks.register()
