from django.apps import AppConfig


class HelplineConfig(AppConfig):
    name = "egide.helpline"
