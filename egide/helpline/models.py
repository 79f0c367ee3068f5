"""The helplines' door: anonymous call records for statistics, and hand-overs only with consent.

A call record holds no identity: département, forms of violence, danger screened, orientation.
The caller's name and safe contact go only into the case a consented hand-over creates or joins
at a local structure (egide.cases), never into the call record.

The "Ne frappez pas" line (perpetrators and those close to them) has its own tables, apart from
victims' data: its calls, and its hand-overs to the CPCA of the département, which reads only the
hand-overs addressed to it.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egide.encryption.fields import EncryptedCharField

from .choices import DangerScreened, PerpetratorCaller, PerpetratorOrientation, VictimOrientation


class VictimCall(models.Model):
    """One call to the 3919, anonymous. `referral` is set only by a consented hand-over."""

    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    received_at = models.DateTimeField(_("reçu le"), default=timezone.now)
    departement = models.CharField(_("département de l'appelante"), max_length=3)
    violence_forms = models.JSONField(_("formes de violence"), default=list)
    danger = models.CharField(_("danger repéré"), max_length=16, choices=DangerScreened.choices)
    orientation = models.CharField(
        _("orientation donnée"), max_length=16, choices=VictimOrientation.choices
    )
    referral = models.OneToOneField(
        "cases.Referral", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("appel au 3919")
        verbose_name_plural = _("appels au 3919")
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["agency", "-received_at"], name="victim_call_recent")]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.received_at:%d/%m/%Y %H:%M}"


class PerpetratorCall(models.Model):
    """One call to "Ne frappez pas", anonymous, kept apart from the victims' calls."""

    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    received_at = models.DateTimeField(_("reçu le"), default=timezone.now)
    departement = models.CharField(_("département de l'appelant"), max_length=3)
    caller = models.CharField(_("appelant"), max_length=16, choices=PerpetratorCaller.choices)
    violence_forms = models.JSONField(_("formes de violence"), default=list)
    orientation = models.CharField(
        _("orientation donnée"), max_length=16, choices=PerpetratorOrientation.choices
    )

    class Meta:
        verbose_name = _("appel à « Ne frappez pas »")
        verbose_name_plural = _("appels à « Ne frappez pas »")
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["agency", "-received_at"], name="perpetrator_call_recent")]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.received_at:%d/%m/%Y %H:%M}"


class CpcaHandover(models.Model):
    """A caller of "Ne frappez pas" who agreed to be called back by the CPCA of his département.
    Only the first name and a phone number he gave, encrypted; read by that CPCA alone."""

    call = models.OneToOneField(PerpetratorCall, on_delete=models.PROTECT, related_name="handover")
    cpca = models.ForeignKey(
        "accounts.Agency", verbose_name=_("CPCA"), on_delete=models.PROTECT, related_name="+"
    )
    first_name = EncryptedCharField(_("prénom donné"), max_length=150)
    phone = EncryptedCharField(_("téléphone pour le rappeler"), max_length=32)
    times_to_call = EncryptedCharField(_("créneaux d'appel"), max_length=200, blank=True)
    consent_given_at = models.DateTimeField(_("accord recueilli le"), default=timezone.now)
    called_back_at = models.DateTimeField(_("rappelé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("mise en relation avec un CPCA")
        verbose_name_plural = _("mises en relation avec un CPCA")
        ordering = ["-consent_given_at", "-id"]
        indexes = [models.Index(fields=["cpca", "called_back_at"], name="cpca_handover_inbox")]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
