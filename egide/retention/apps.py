from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "egide.retention"

    def ready(self):
        from . import hooks

        hooks.register()
