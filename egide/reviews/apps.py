from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "egide.reviews"

    def ready(self):
        from . import hooks

        hooks.register()
