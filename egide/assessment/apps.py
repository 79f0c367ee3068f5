from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "egide.assessment"

    def ready(self):
        from egide.cases import signals as case_signals

        from . import checks, handlers, worklists

        checks.register()
        case_signals.incident_recorded.connect(handlers.on_incident, dispatch_uid="assessment")
        case_signals.separation_recorded.connect(handlers.on_separation, dispatch_uid="assessment")
        worklists.register()
