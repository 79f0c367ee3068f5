"""The live monitoring pipeline's tables: intake log, engine state, event outbox, incidents.

Flow: a device's fix is committed to `Fix` before the device gets its answer; the engine worker
claims unclaimed fixes in arrival order and, in ONE transaction, stores the events they raise in
`Event` (primary key = the engine's deterministic id, so re-processing never stores one twice),
marks the fixes claimed, and saves the engine's state in `EngineCheckpoint`. The publisher then
turns each stored event into the operator's `Incident` work (outbox pattern).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egide.encryption.fields import EncryptedTextField

from .choices import DispatchStatus, IncidentKind, IncidentStatus, Outcome, RefusalReason


class Fix(models.Model):
    """One position report as received, the durable intake log (evidence: kept as sent).

    `id` is the order of arrival; `batch` is the worker batch that processed the fix (null until
    then), so (batch, id) is exactly the order the engine saw, for `monitor replay`.
    """

    device_id = models.CharField(max_length=64)
    ts = models.BigIntegerField(help_text="device time, ns since the epoch (UTC)")
    lat = models.FloatField()
    lon = models.FloatField()
    accuracy_m = models.FloatField(null=True, blank=True)
    battery_pct = models.FloatField(null=True, blank=True)
    alarm = models.CharField(max_length=8, blank=True)
    source = models.CharField(max_length=8)
    received_at = models.DateTimeField(default=timezone.now)
    batch = models.BigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("position reçue")
        verbose_name_plural = _("positions reçues")
        constraints = [
            # A device resending a fix (same device, time and alarm) is a duplicate: stored
            # once. A repeat of (device, ts) carrying an alarm no earlier fix of that (device,
            # ts) carried is stored (docs/monitoring.md rule 2: an SOS stamped with the
            # last known fix is never lost). Its index also finds a device's latest fixes (read
            # backwards): no second index to maintain on every fix received.
            models.UniqueConstraint(
                fields=["device_id", "ts", "alarm"], name="fix_once_per_device_ts_alarm"
            ),
        ]
        indexes = [
            models.Index(fields=["id"], condition=Q(batch__isnull=True), name="fix_unclaimed"),
            models.Index(fields=["batch", "id"], name="fix_processing_order"),
        ]

    def __str__(self) -> str:
        return f"{self.device_id}@{self.ts}"


class IntakeRefusal(models.Model):
    """Fixes refused at intake, counted per reason and known device ("" for unknown device ids
    and requests naming several devices: the rows stay bounded whatever senders claim)."""

    reason = models.CharField(max_length=16, choices=RefusalReason.choices)
    device_id = models.CharField(max_length=64, blank=True)
    count = models.PositiveBigIntegerField(default=0)
    last_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("compte des positions refusées")
        verbose_name_plural = _("comptes des positions refusées")
        constraints = [
            models.UniqueConstraint(fields=["reason", "device_id"], name="refusal_per_device"),
        ]

    def __str__(self) -> str:
        return f"{self.reason} {self.device_id}: {self.count}"


class DeviceReport(models.Model):
    """A device's latest status as reported without a position (Traccar Server's deviceOnline,
    deviceOffline, deviceUnknown events), shown in device health; one row per device."""

    device_id = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=8)
    reported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("état déclaré par un dispositif")
        verbose_name_plural = _("états déclarés par les dispositifs")

    def __str__(self) -> str:
        return f"{self.device_id}: {self.status}"


class EngineCheckpoint(models.Model):
    """The engine's whole state after the last committed batch of one partition.

    In the scale-out mode (fixes on NATS JetStream) `stream_sequence` is the last stream message
    the partition processed, committed with the state: a restarted worker resumes after it.
    """

    partition = models.CharField(max_length=32, primary_key=True)
    config = models.TextField(help_text="the engine configuration (PAIRINGS.json) of the state")
    snapshot = models.BinaryField()
    batch = models.BigIntegerField(default=0)
    fixes = models.BigIntegerField(default=0)
    heartbeat_at = models.DateTimeField(default=timezone.now)
    stream_sequence = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("point de reprise du moteur")
        verbose_name_plural = _("points de reprise du moteur")

    def __str__(self) -> str:
        return f"{self.partition} #{self.batch}"


class Event(models.Model):
    """An engine event, stored exactly once (the outbox): `published_at` is set once the
    publisher has turned it into incident work."""

    id = models.CharField(max_length=32, primary_key=True)
    type = models.CharField(max_length=32)
    ts = models.DateTimeField()
    ts_ns = models.BigIntegerField()
    device_id = models.CharField(max_length=64)
    pairing_key = models.CharField(max_length=40, blank=True)
    zone = models.CharField(max_length=40, blank=True)
    level_from = models.CharField(max_length=10, blank=True)
    level_to = models.CharField(max_length=10, blank=True)
    distance_m = models.IntegerField(null=True, blank=True)
    batch = models.BigIntegerField()
    stored_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    incident = models.ForeignKey(
        "Incident", on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )

    class Meta:
        verbose_name = _("événement du moteur")
        verbose_name_plural = _("événements du moteur")
        ordering = ["ts", "id"]
        indexes = [
            models.Index(
                fields=["stored_at"],
                condition=Q(published_at__isnull=True),
                name="event_unpublished",
            ),
            models.Index(fields=["pairing_key", "ts"], name="event_pairing_ts"),
        ]

    def __str__(self) -> str:
        return f"{self.type} {self.device_id} {self.ts:%Y-%m-%d %H:%M:%S}"


class Incident(models.Model):
    """What an operator handles: one alarm, or one episode of a pairing's zone alerts."""

    kind = models.CharField(_("type"), max_length=10, choices=IncidentKind.choices)
    priority = models.PositiveSmallIntegerField()
    status = models.CharField(
        _("état"), max_length=12, choices=IncidentStatus.choices, default=IncidentStatus.OPEN
    )
    device = models.ForeignKey(
        "devices.Device", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    pairing = models.ForeignKey(
        "devices.Pairing", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    zone = models.CharField(max_length=40, blank=True)
    distance_m = models.IntegerField(_("distance"), null=True, blank=True)
    occurred_at = models.DateTimeField(_("survenu le"))
    opened_at = models.DateTimeField(_("ouvert le"), default=timezone.now)
    event_count = models.PositiveIntegerField(default=1)
    acknowledged_at = models.DateTimeField(_("pris en charge le"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Who handles it now: whoever took it in hand, until a supervisor hands it to someone else.
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("traité par"),
    )
    escalated_at = models.DateTimeField(_("escaladé le"), null=True, blank=True)
    wearer_called_at = models.DateTimeField(_("auteur appelé le"), null=True, blank=True)
    wearer_turned_away = models.BooleanField(_("l'auteur s'est éloigné"), null=True, blank=True)
    victim_called_at = models.DateTimeField(_("victime appelée le"), null=True, blank=True)
    police_sent_at = models.DateTimeField(_("police envoyée le"), null=True, blank=True)
    breach_report = models.ForeignKey(
        "justice.BreachReport", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outcome = models.CharField(_("issue"), max_length=12, choices=Outcome.choices, blank=True)
    closed_at = models.DateTimeField(_("clos le"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # A supervisor closing before the procedure's mandatory steps were done says why.
    override_reason = EncryptedTextField(_("motif de la clôture par le superviseur"), blank=True)
    changed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        ordering = ["priority", "opened_at", "id"]
        indexes = [models.Index(fields=["status", "priority", "opened_at"], name="incident_queue")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="closed", closed_at__isnull=False) | ~Q(status="closed"),
                name="incident_closed_at",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def acknowledgement_seconds(self) -> int | None:
        if self.acknowledged_at is None:
            return None
        return round((self.acknowledged_at - self.opened_at).total_seconds())


class IncidentNote(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(default=timezone.now)
    text = EncryptedTextField(_("note"))

    class Meta:
        verbose_name = _("note d'incident")
        verbose_name_plural = _("notes d'incident")
        ordering = ["written_at", "id"]

    def __str__(self) -> str:
        return f"note #{self.pk}"


class Dispatch(models.Model):
    """A police dispatch request, retried with backoff until the dispatch room acknowledges it."""

    incident = models.OneToOneField(Incident, on_delete=models.PROTECT, related_name="dispatch")
    status = models.CharField(
        max_length=12, choices=DispatchStatus.choices, default=DispatchStatus.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.CharField(max_length=200, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("demande d'intervention")
        verbose_name_plural = _("demandes d'intervention")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="dispatch_due")]

    def __str__(self) -> str:
        return f"dispatch #{self.pk} {self.status}"


class DispatchReceipt(models.Model):
    """The demo police dispatch room: what it received (stands in for the real one)."""

    received_at = models.DateTimeField(default=timezone.now)
    content_type = models.CharField(max_length=60)
    body = EncryptedTextField(_("contenu"))

    class Meta:
        verbose_name = _("demande reçue par la salle de commandement")
        verbose_name_plural = _("demandes reçues par la salle de commandement")
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"receipt #{self.pk}"
