from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "egide.meetings"

    def ready(self):
        from . import hooks

        hooks.register()
