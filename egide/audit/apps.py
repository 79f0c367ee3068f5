from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate


class AuditConfig(AppConfig):
    name = "egide.audit"

    def ready(self):
        from .grants import grant_after_migrate
        from .guard import register_sqlite_guard

        connection_created.connect(register_sqlite_guard, dispatch_uid="egide.audit.guard")
        # Sent once per app after every migration ran; the grants cover every table at once.
        post_migrate.connect(grant_after_migrate, sender=self, dispatch_uid="egide.audit.grants")
