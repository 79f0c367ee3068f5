from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "egide.assessment"

    def ready(self):
        from egide.cases import signals as case_signals

        from . import checks, handlers, worklists

        checks.register()
        case_signals.incident_recorded.connect(handlers.on_incident, dispatch_uid="assessment")
        case_signals.separation_recorded.connect(handlers.on_separation, dispatch_uid="assessment")
        case_signals.release_recorded.connect(handlers.on_release, dispatch_uid="assessment")
        case_signals.device_alert_raised.connect(
            handlers.on_device_alert, dispatch_uid="assessment"
        )
        worklists.register()
