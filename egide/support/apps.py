from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "egide.support"

    def ready(self):
        from . import worklists

        worklists.register()
