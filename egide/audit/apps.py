from django.apps import AppConfig
from django.db.backends.signals import connection_created


class AuditConfig(AppConfig):
    name = "egide.audit"

    def ready(self):
        from .guard import register_sqlite_guard

        connection_created.connect(register_sqlite_guard, dispatch_uid="egide.audit.guard")
