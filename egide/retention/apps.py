from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "egide.retention"
