"""Protection orders (OP, OPPI), their measures, hearings, family proceedings and breach reports."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egide.encryption.fields import EncryptedCharField, EncryptedTextField

from .choices import (
    ACTIVE_STATUSES,
    PENDING_STATUSES,
    BreachKind,
    BreachOutcome,
    BreachSource,
    ChildMeasureBasis,
    ConsentAttemptOutcome,
    HealthReportOutcome,
    HearingKind,
    MeasureKind,
    NotificationMethod,
    NotificationRecipient,
    OrderStatus,
    ParentalAuthorityRuling,
    ParquetRequestKind,
    ProceedingKind,
    RequestedBy,
    VisitingRightsRuling,
)


class OrderQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status__in=PENDING_STATUSES)

    def active(self):
        return self.filter(status__in=ACTIVE_STATUSES)


class ProtectionOrder(models.Model):
    """An ordonnance de protection (C. civ. 515-9 s.), from the request to its end."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="protection_orders"
    )
    court = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("état"), max_length=16, choices=OrderStatus.choices, default=OrderStatus.REQUESTED
    )
    requested_by = models.CharField(_("demandée par"), max_length=16, choices=RequestedBy.choices)
    victim_consent = models.BooleanField(_("accord de la victime"), default=False)
    requested_at = models.DateTimeField(_("demandée le"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    hearing_set_at = models.DateTimeField(_("date d'audience fixée le"), null=True, blank=True)
    hearing_at = models.DateTimeField(_("audience"), null=True, blank=True)
    decision_due_at = models.DateTimeField(_("décision attendue avant"), null=True, blank=True)
    decided_at = models.DateTimeField(_("décidée le"), null=True, blank=True)
    reasons = EncryptedTextField(_("motifs de la décision"), blank=True)
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    notified_at = models.DateTimeField(_("notifiée le"), null=True, blank=True)
    # None once notified means "extended until a pending family proceeding is decided".
    ends_at = models.DateTimeField(_("fin des mesures"), null=True, blank=True)
    ended_at = models.DateTimeField(_("levée ou expirée le"), null=True, blank=True)
    end_reason = EncryptedTextField(_("motif de la levée"), blank=True)

    objects = OrderQuerySet.as_manager()

    class Meta:
        verbose_name = _("ordonnance de protection")
        verbose_name_plural = _("ordonnances de protection")
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["court", "status"], name="op_court_status")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(requested_by=RequestedBy.PROSECUTOR) | Q(victim_consent=True),
                name="op_prosecutor_request_has_consent",
            ),
            models.CheckConstraint(
                condition=Q(hearing_set_at__isnull=True) | Q(decision_due_at__isnull=False),
                name="op_hearing_has_due_date",
            ),
        ]

    def __str__(self) -> str:
        return f"OP {self.case} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("justice:order", args=[self.pk])

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING_STATUSES

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES


class ImmediateProtectionOrder(models.Model):
    """An OPPI (C. civ. 515-13-1): asked by the procureur while an OP request is pending."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="immediate_orders"
    )
    court = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    protection_order = models.ForeignKey(
        ProtectionOrder, on_delete=models.PROTECT, related_name="immediate_orders"
    )
    status = models.CharField(
        _("état"), max_length=16, choices=OrderStatus.choices, default=OrderStatus.REQUESTED
    )
    victim_consent = models.BooleanField(_("accord de la victime"), default=False)
    requested_at = models.DateTimeField(_("demandée le"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decision_due_at = models.DateTimeField(_("décision attendue avant"))
    decided_at = models.DateTimeField(_("décidée le"), null=True, blank=True)
    reasons = EncryptedTextField(_("motifs de la décision"), blank=True)
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    notified_at = models.DateTimeField(_("notifiée le"), null=True, blank=True)
    ended_at = models.DateTimeField(_("fin"), null=True, blank=True)

    objects = OrderQuerySet.as_manager()

    class Meta:
        verbose_name = _("ordonnance provisoire de protection immédiate")
        verbose_name_plural = _("ordonnances provisoires de protection immédiate")
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["court", "status"], name="oppi_court_status")]
        constraints = [
            models.CheckConstraint(condition=Q(victim_consent=True), name="oppi_has_consent"),
        ]

    def __str__(self) -> str:
        return f"OPPI {self.case} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("justice:immediate_order", args=[self.pk])

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING_STATUSES

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES


class Notification(models.Model):
    """One notification of an OP or an OPPI to one party: to whom, how, when.

    The notification to the defendant puts the measures in force and starts the OP's duration
    (C. civ. 515-12: "à compter de la notification de l'ordonnance").
    """

    protection_order = models.ForeignKey(
        ProtectionOrder,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    immediate_order = models.ForeignKey(
        ImmediateProtectionOrder,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    recipient = models.CharField(
        _("destinataire"), max_length=16, choices=NotificationRecipient.choices
    )
    method = models.CharField(_("mode"), max_length=16, choices=NotificationMethod.choices)
    notified_at = models.DateTimeField(_("notifiée le"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["notified_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(protection_order__isnull=True) ^ Q(immediate_order__isnull=True),
                name="notification_of_one_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_recipient_display()} — {self.get_method_display()}"


class Measure(models.Model):
    """One measure of an OP or an OPPI (exactly one of the two)."""

    protection_order = models.ForeignKey(
        ProtectionOrder, on_delete=models.CASCADE, null=True, blank=True, related_name="measures"
    )
    immediate_order = models.ForeignKey(
        ImmediateProtectionOrder,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="measures",
    )
    kind = models.CharField(_("mesure"), max_length=24, choices=MeasureKind.choices)
    # Contact ban: the designated persons. Other kinds: the terms of the measure.
    persons = EncryptedTextField(_("personnes désignées"), blank=True)
    details = EncryptedTextField(_("modalités"), blank=True)
    # Place ban: the place, where it is (the monitoring engine's fixed zone for a BAR).
    place_label = EncryptedCharField(_("lieu"), max_length=200, blank=True)
    is_victim_home = models.BooleanField(_("domicile de la victime"), default=False)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    parental_authority = models.CharField(
        _("autorité parentale"),
        max_length=24,
        choices=ParentalAuthorityRuling.choices,
        blank=True,
    )
    visiting_rights = models.CharField(
        _("droits de visite et d'hébergement"),
        max_length=16,
        choices=VisitingRightsRuling.choices,
        blank=True,
    )
    election_of_domicile = EncryptedTextField(_("élection de domicile"), blank=True)

    class Meta:
        verbose_name = _("mesure")
        verbose_name_plural = _("mesures")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(protection_order__isnull=True) ^ Q(immediate_order__isnull=True),
                name="measure_belongs_to_one_order",
            ),
            models.CheckConstraint(
                condition=~Q(kind="place_ban") | Q(latitude__isnull=False, longitude__isnull=False),
                name="measure_place_ban_located",
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def order(self):
        return self.protection_order or self.immediate_order


class Hearing(models.Model):
    """A hearing of the couple's civil or criminal proceedings, shown with the case's others."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="hearings")
    court = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("nature"), max_length=24, choices=HearingKind.choices)
    at = models.DateTimeField(_("date et heure"))
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("juge"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    room = models.CharField(_("salle"), max_length=60, blank=True)
    protection_order = models.ForeignKey(
        ProtectionOrder, on_delete=models.CASCADE, null=True, blank=True, related_name="hearings"
    )
    family_proceeding = models.ForeignKey(
        "FamilyProceeding",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="hearings",
    )

    class Meta:
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {timezone.localtime(self.at):%d/%m/%Y %H:%M}"


class FamilyProceeding(models.Model):
    """A divorce or parental-authority proceeding of the couple: it extends an OP (515-12)."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="family_proceedings"
    )
    kind = models.CharField(_("procédure"), max_length=24, choices=ProceedingKind.choices)
    filed_on = models.DateField(_("introduite le"))
    decided_on = models.DateField(_("jugée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("procédure familiale")
        verbose_name_plural = _("procédures familiales")
        ordering = ["filed_on", "id"]

    def __str__(self) -> str:
        return self.get_kind_display()


class ChildMeasure(models.Model):
    """A suspension or withdrawal of parental authority or visiting rights, shown on the case."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="child_measures")
    basis = models.CharField(_("fondement"), max_length=24, choices=ChildMeasureBasis.choices)
    parental_authority = models.CharField(
        _("autorité parentale"), max_length=24, choices=ParentalAuthorityRuling.choices
    )
    visiting_rights = models.CharField(
        _("droits de visite et d'hébergement"), max_length=16, choices=VisitingRightsRuling.choices
    )
    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, null=True, blank=True, related_name="child_measures"
    )
    starts_at = models.DateTimeField(_("à partir du"), default=timezone.now)
    ends_at = models.DateTimeField(_("jusqu'au"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("mesure concernant les enfants")
        verbose_name_plural = _("mesures concernant les enfants")
        ordering = ["-starts_at", "-id"]

    def __str__(self) -> str:
        return self.get_basis_display()


class InboxQuerySet(models.QuerySet):
    def unacknowledged(self):
        return self.filter(acknowledged_at__isnull=True)


class ProcureurInboxItem(models.Model):
    """What lands in the procureur's inbox and must be acknowledged in time or escalate: a breach
    report, a health professional's 226-14 report. One set of mechanics (services.take_into_account,
    services.escalate_overdue) for both."""

    acknowledgement_due_at = models.DateTimeField(_("à accuser avant"))
    acknowledged_at = models.DateTimeField(_("prise en compte le"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    escalated_at = models.DateTimeField(_("escaladée le"), null=True, blank=True)

    objects = InboxQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_escalated(self) -> bool:
        return self.escalated_at is not None


class BreachReport(ProcureurInboxItem):
    """A breach of an order or of a device's distances, in the competent procureur's inbox."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="breach_reports")
    court = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("nature"), max_length=16, choices=BreachKind.choices)
    source = models.CharField(_("signalée par"), max_length=16, choices=BreachSource.choices)
    occurred_at = models.DateTimeField(_("survenue le"))
    description = EncryptedTextField(_("ce qui s'est passé"))
    evidence = EncryptedTextField(_("éléments de preuve"), blank=True)
    # The monitoring pairing or phone the report came from ("pairing:12"), for the evidence trail.
    device_reference = models.CharField(max_length=40, blank=True)
    reported_at = models.DateTimeField(_("reçue le"), default=timezone.now)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outcome = models.CharField(
        _("décision du parquet"), max_length=24, choices=BreachOutcome.choices, blank=True
    )
    outcome_details = EncryptedTextField(_("précisions sur la décision"), blank=True)

    class Meta:
        verbose_name = _("signalement de violation")
        verbose_name_plural = _("signalements de violation")
        ordering = ["-reported_at", "-id"]
        indexes = [
            models.Index(fields=["court", "acknowledged_at"], name="breach_inbox"),
            models.Index(fields=["acknowledgement_due_at"], name="breach_ack_due"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.case}"


class DeadlineReminder(models.Model):
    """A reminder sent to the court before a deadline; unique, so the job never sends it twice."""

    subject = models.CharField(max_length=64)
    due_at = models.DateTimeField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("rappel d'échéance")
        verbose_name_plural = _("rappels d'échéance")
        constraints = [
            models.UniqueConstraint(fields=["subject", "due_at"], name="reminder_once"),
        ]

    def __str__(self) -> str:
        return self.subject


class ParquetRequest(models.Model):
    """An officer's request to the parquet after a danger assessment, on the procureur's board
    with the assessment attached until the procureur answers it."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    court = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("demande"), max_length=16, choices=ParquetRequestKind.choices)
    assessment = models.ForeignKey(
        "assessment.Assessment",
        verbose_name=_("évaluation du danger"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reasons = EncryptedTextField(_("motifs"))
    requested_at = models.DateTimeField(_("demandée le"), default=timezone.now)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(_("traitée le"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("demande au parquet")
        verbose_name_plural = _("demandes au parquet")
        ordering = ["requested_at", "id"]

    def __str__(self) -> str:
        return self.get_kind_display()


class HealthReport(ProcureurInboxItem):
    """A health professional's report to the procureur without the victim's consent (C. pén.
    226-14 3°): both legal conditions stated, the attempt to obtain her agreement recorded, and
    she was informed. It lands on the procureur's board like a breach report."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    court = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("structure de soins"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reported_at = models.DateTimeField(_("reçu le"), default=timezone.now)
    life_in_immediate_danger = models.BooleanField(_("vie en danger immédiat"))
    under_hold = models.BooleanField(_("sous l'emprise de l'auteur"))
    consent_attempt = EncryptedTextField(_("démarche pour obtenir son accord"))
    consent_outcome = models.CharField(
        _("issue de cette démarche"), max_length=16, choices=ConsentAttemptOutcome.choices
    )
    victim_informed = models.BooleanField(_("victime informée du signalement"))
    findings = EncryptedTextField(_("constatations et éléments du danger"))
    outcome = models.CharField(
        _("décision du parquet"), max_length=24, choices=HealthReportOutcome.choices, blank=True
    )
    outcome_details = EncryptedTextField(_("précisions sur la décision"), blank=True)

    class Meta:
        verbose_name = _("signalement 226-14")
        verbose_name_plural = _("signalements 226-14")
        ordering = ["-reported_at", "-id"]
        indexes = [
            models.Index(fields=["court", "acknowledged_at"], name="health_report_inbox"),
            models.Index(fields=["acknowledgement_due_at"], name="health_report_ack_due"),
        ]
        constraints = [
            # The law allows the report only when both conditions hold and she was informed.
            models.CheckConstraint(
                condition=Q(life_in_immediate_danger=True, under_hold=True, victim_informed=True),
                name="health_report_legal_conditions",
            ),
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} — {self.case}"
