from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from egide.accounts.roles import Role

from .choices import Action


class AppendOnlyError(Exception):
    """An attempt to change or remove what the audit log already holds."""


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("audit entries cannot be changed")

    def delete(self):
        raise AppendOnlyError("audit entries cannot be deleted")


class AuditEntry(models.Model):
    """One attributable action. Append-only: each entry seals the hash of the previous one.

    `seq` numbers the chain from 1 without gaps; `fields` holds the names of the fields read or
    changed, never their values. Database triggers refuse UPDATE and DELETE (migration 0002).
    """

    seq = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_username = models.CharField(max_length=150, blank=True)
    role = models.CharField(max_length=32, blank=True)
    agency = models.ForeignKey(
        "accounts.Agency", null=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=32, choices=Action.choices, db_index=True)
    object_type = models.CharField(max_length=64, blank=True, db_index=True)
    object_id = models.CharField(max_length=64, blank=True, db_index=True)
    fields = models.JSONField(default=list)
    reason = models.TextField(blank=True)
    client_ip = models.GenericIPAddressField(null=True)
    flagged = models.BooleanField(default=False, db_index=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["seq"]
        verbose_name = _("entrée du journal d'audit")
        verbose_name_plural = _("journal d'audit")

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit entries cannot be deleted")

    def object_label(self) -> str:
        """The object in words ("Dossier n° 61"); a route name or unknown type as stored."""
        try:
            name = capfirst(apps.get_model(self.object_type)._meta.verbose_name)
        except (LookupError, ValueError):
            name = self.object_type
        return f"{name} n° {self.object_id}" if self.object_id else name

    def get_role_display(self) -> str:
        return Role(self.role).label if self.role in Role.values else self.role


class AuditHead(models.Model):
    """The single row that serializes appends: the last sequence number and hash of the chain.

    Appending locks this row (SELECT … FOR UPDATE), so concurrent writers take turns on
    PostgreSQL as on SQLite; `egide audit verify` also checks the chain ends where the head says.
    """

    SINGLETON_ID = 1

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("tête du journal d'audit")
        verbose_name_plural = _("têtes du journal d'audit")
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="audit_head_singleton"),
        ]

    def __str__(self) -> str:
        return f"head #{self.seq}"
