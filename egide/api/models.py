"""Service accounts: the API's machine clients (court software, a CAF's system, a monitoring
provider). Each acts through one membership of its own (an agency and a role), so the same
per-object permissions and the same audit apply as to a person holding that role."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egide.accounts.models import Membership


class ServiceAccountQuerySet(models.QuerySet):
    def usable(self, now=None):
        """Neither revoked nor expired, with its membership and agency still active."""
        return self.filter(
            revoked_at__isnull=True,
            expires_at__gt=now or timezone.now(),
            membership__is_active=True,
            membership__agency__is_active=True,
        )


class ServiceAccount(models.Model):
    name = models.CharField(_("nom"), max_length=100)
    membership = models.OneToOneField(
        Membership, on_delete=models.PROTECT, related_name="service_account"
    )
    # The token is shown once; only its SHA-256 is kept. The prefix names it in lists and audit.
    token_prefix = models.CharField(max_length=16, unique=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expire le"))
    revoked_at = models.DateTimeField(_("révoqué le"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = ServiceAccountQuerySet.as_manager()

    class Meta:
        verbose_name = _("compte de service")
        verbose_name_plural = _("comptes de service")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.token_prefix}…)"
