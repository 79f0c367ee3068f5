from django.apps import AppConfig


class EncryptionConfig(AppConfig):
    name = "egide.encryption"

    def ready(self):
        from . import checks  # noqa: F401 (registers the deploy check)
