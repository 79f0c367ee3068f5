from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "egide.assessment"
