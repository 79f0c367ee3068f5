from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "egide.assessment"

    def ready(self):
        from . import hooks

        hooks.register()
