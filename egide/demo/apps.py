from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "egide.demo"
    verbose_name = "Démonstration"
