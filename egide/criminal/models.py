"""Criminal proceedings against a case's perpetrator: the stages (custody, alternative measure,
judicial supervision, trial, judgement, probation, imprisonment), the obligations the decisions
impose, the probation service's follow-up and checks, and releases from prison."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egide.accounts.roles import Role
from egide.encryption.fields import EncryptedCharField, EncryptedTextField

from .choices import (
    ComplianceOutcome,
    CustodyOutcome,
    NoticeChannel,
    ObligationKind,
    ReleaseKind,
    StageKind,
    TrialMode,
)


class Stage(models.Model):
    """One step of the criminal proceedings, as the parquet or a judge records it."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="criminal_stages")
    kind = models.CharField(_("étape"), max_length=24, choices=StageKind.choices)
    starts_on = models.DateField(_("début"))
    ends_on = models.DateField(_("fin"), null=True, blank=True)
    custody_outcome = models.CharField(
        _("issue de la garde à vue"), max_length=24, choices=CustodyOutcome.choices, blank=True
    )
    trial_mode = models.CharField(
        _("mode de poursuite"), max_length=16, choices=TrialMode.choices, blank=True
    )
    sentence = EncryptedTextField(_("peine prononcée"), blank=True)
    expected_release_on = models.DateField(_("libération prévue le"), null=True, blank=True)
    ordering_agency = models.ForeignKey(
        "accounts.Agency", verbose_name=_("autorité"), on_delete=models.PROTECT, related_name="+"
    )
    ordering_role = models.CharField(_("fonction"), max_length=32)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("étape de la procédure pénale")
        verbose_name_plural = _("étapes de la procédure pénale")
        ordering = ["starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="criminal_stage_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(kind="custody") | ~Q(custody_outcome="") | Q(ends_on__isnull=True),
                name="criminal_custody_ended_has_outcome",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.starts_on:%d/%m/%Y}"

    @property
    def ordering_role_label(self) -> str:
        return str(Role(self.ordering_role).label)


class ObligationQuerySet(models.QuerySet):
    def in_force(self, on=None):
        on = on or timezone.localdate()
        return self.filter(starts_on__lte=on).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))


class Obligation(models.Model):
    """One obligation or ban of a decision (alternative measure, supervision, probation), with
    the article founding it and the authority that ordered it."""

    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="obligations")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("obligation"), max_length=24, choices=ObligationKind.choices)
    article = models.CharField(_("fondement"), max_length=80)
    starts_on = models.DateField(_("à partir du"))
    ends_on = models.DateField(_("jusqu'au"), null=True, blank=True)
    # Contact ban: the persons designated. Other kinds: the terms (the care, the programme).
    persons = EncryptedTextField(_("personnes désignées"), blank=True)
    details = EncryptedTextField(_("modalités"), blank=True)
    # Place ban and eviction: the place and where it is (as justice's Measure place bans).
    place_label = EncryptedCharField(_("lieu"), max_length=200, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    ordering_agency = models.ForeignKey(
        "accounts.Agency", verbose_name=_("autorité"), on_delete=models.PROTECT, related_name="+"
    )
    ordering_role = models.CharField(_("fonction"), max_length=32)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = ObligationQuerySet.as_manager()

    class Meta:
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")
        ordering = ["starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind__in=["place_ban", "eviction"])
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="criminal_obligation_place_located",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="criminal_obligation_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def ordering_role_label(self) -> str:
        return str(Role(self.ordering_role).label)

    @property
    def terms_for_probation(self) -> str:
        """What the SPIP reads of the terms: a care or programme's terms; never a place or the
        persons designated (the victim's home, her name)."""
        if self.kind in (ObligationKind.CARE, ObligationKind.CPCA_COURSE):
            return self.details
        return ""


class FollowUp(models.Model):
    """The probation service (SPIP) of the territory follows the perpetrator of a case."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    service = models.ForeignKey(
        "accounts.Agency", verbose_name=_("SPIP"), on_delete=models.PROTECT, related_name="+"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assigning_agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="+"
    )
    assigned_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("suivi SPIP")
        verbose_name_plural = _("suivis SPIP")
        ordering = ["-assigned_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "service"],
                condition=Q(ended_at__isnull=True),
                name="criminal_one_open_follow_up",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service} — {self.case}"

    def get_absolute_url(self) -> str:
        return reverse("criminal:follow_up", args=[self.pk])


class ComplianceCheck(models.Model):
    """The probation officer checks an obligation: kept, or breached (then reported)."""

    follow_up = models.ForeignKey(FollowUp, on_delete=models.PROTECT, related_name="checks")
    obligation = models.ForeignKey(Obligation, on_delete=models.PROTECT, related_name="checks")
    checked_on = models.DateField(_("contrôle du"))
    outcome = models.CharField(_("constat"), max_length=16, choices=ComplianceOutcome.choices)
    notes = EncryptedTextField(_("observations"), blank=True)
    breach_report = models.ForeignKey(
        "justice.BreachReport", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("contrôle d'obligation")
        verbose_name_plural = _("contrôles d'obligations")
        ordering = ["-checked_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="complied") | Q(breach_report__isnull=False),
                name="criminal_breach_is_reported",
            ),
        ]

    def __str__(self) -> str:
        return self.get_outcome_display()


class Release(models.Model):
    """A release, a permission to leave or the end of a sentence: the victim is told through
    her safe contact and the procureur checks the devices and orders in force."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("nature"), max_length=16, choices=ReleaseKind.choices)
    on = models.DateField(_("date"))
    returns_on = models.DateField(_("retour le"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    notice_channel = models.CharField(
        _("victime avisée par"), max_length=8, choices=NoticeChannel.choices, blank=True
    )
    victim_notified_at = models.DateTimeField(_("victime avisée le"), null=True, blank=True)
    checked_at = models.DateTimeField(_("mesures vérifiées le"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("sortie de détention")
        verbose_name_plural = _("sorties de détention")
        ordering = ["on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(returns_on__isnull=True) | Q(returns_on__gte=models.F("on")),
                name="criminal_permission_returns_after",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.on:%d/%m/%Y}"


class NoticeWaiver(models.Model):
    """She asked the procureur not to be told of the perpetrator's releases (CPP 712-16-2 al. 4,
    D. 49-72): until withdrawn, a release sends her nothing."""

    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("refus d'être avisée des sorties")
        verbose_name_plural = _("refus d'être avisée des sorties")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
