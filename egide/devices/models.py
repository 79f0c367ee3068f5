"""Alarm phones (TGD), anti-approach bracelets (BAR), their assignments and the pairings."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egide.encryption.fields import EncryptedCharField

from .choices import ContactBanBasis, DeviceKind, DeviceStatus, Framework, TestFailure, TestFollowUp

# What a device sends as its id: printable ASCII without spaces nor control characters (a
# trailing space or a newline must never make a second identity of the same device).
DEVICE_ID_PATTERN = r"[!-~]{1,64}"


class Device(models.Model):
    """One physical device of the inventory, managed by the monitoring centre's supervisor.

    `device_id` is what the device sends (OsmAnd `id`); the intake secret authenticates it and
    only its hash is stored (`secrets.py`: rotation, revocation).
    """

    kind = models.CharField(_("type"), max_length=24, choices=DeviceKind.choices)
    device_id = models.CharField(
        _("identifiant"),
        max_length=64,
        unique=True,
        validators=[
            RegexValidator(
                f"^{DEVICE_ID_PATTERN}$",
                _("Caractères ASCII imprimables uniquement, sans espace."),
            )
        ],
    )
    serial_number = models.CharField(_("numéro de série"), max_length=64)
    status = models.CharField(
        _("état"), max_length=16, choices=DeviceStatus.choices, default=DeviceStatus.STOCK
    )
    intake_secret_hash = models.CharField(max_length=64, editable=False)
    # After a rotation the previous secret keeps working until `previous_secret_until` (the
    # overlap window, while the installer updates the device); a revocation clears it.
    previous_secret_hash = models.CharField(max_length=64, blank=True, editable=False)
    previous_secret_until = models.DateTimeField(null=True, blank=True, editable=False)
    secret_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_test_at = models.DateTimeField(_("dernier test"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("dispositif")
        verbose_name_plural = _("dispositifs")
        ordering = ["kind", "device_id"]
        indexes = [models.Index(fields=["kind", "status"], name="device_kind_status")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.device_id}"


class AlarmPhoneManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(kind=DeviceKind.ALARM_PHONE)


class AlarmPhone(Device):
    """A téléphone grave danger of the inventory."""

    objects = AlarmPhoneManager()

    class Meta:
        proxy = True
        verbose_name = _("téléphone grave danger")
        verbose_name_plural = _("téléphones grave danger")


class BraceletDeviceManager(models.Manager):
    def get_queryset(self):
        kinds = (DeviceKind.PERPETRATOR_BRACELET, DeviceKind.VICTIM_UNIT)
        return super().get_queryset().filter(kind__in=kinds)


class AntiApproachBracelet(Device):
    """A BAR device: the perpetrator's bracelet or the victim's unit."""

    objects = BraceletDeviceManager()

    class Meta:
        proxy = True
        verbose_name = _("bracelet anti-rapprochement")
        verbose_name_plural = _("bracelets anti-rapprochement")


class DeviceTest(models.Model):
    """A periodic test of a phone (every 15 days, rules.TGD_TEST_INTERVAL). A failed test says
    why and what follows; it does not count as the periodic test (the phone stays due)."""

    device = models.ForeignKey(Device, on_delete=models.CASCADE, related_name="tests")
    tested_at = models.DateTimeField(_("testé le"), default=timezone.now)
    passed = models.BooleanField(_("réussi"), default=True)
    failure = models.CharField(
        _("cause de l'échec"), max_length=16, choices=TestFailure.choices, blank=True
    )
    follow_up = models.CharField(
        _("suite donnée"), max_length=16, choices=TestFollowUp.choices, blank=True
    )
    tested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("test de téléphone grave danger")
        verbose_name_plural = _("tests de téléphone grave danger")
        ordering = ["-tested_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(passed=True, failure="", follow_up="")
                | (Q(passed=False) & ~Q(failure="") & ~Q(follow_up="")),
                name="device_test_failure_explained",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.device} {self.tested_at:%d/%m/%Y}"


class AlarmPhoneAssignment(models.Model):
    """A TGD granted by the procureur (CPP 41-3-1) to a victim for six months, renewable."""

    phone = models.ForeignKey(AlarmPhone, on_delete=models.PROTECT, related_name="assignments")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="alarm_phones")
    court = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(_("attribué le"), default=timezone.now)
    ends_at = models.DateTimeField(_("jusqu'au"))
    renewals = models.PositiveSmallIntegerField(_("renouvellements"), default=0)
    no_cohabitation = models.BooleanField(_("absence de cohabitation"))
    contact_ban_basis = models.CharField(
        _("interdiction de contact"), max_length=24, choices=ContactBanBasis.choices, blank=True
    )
    imminent_danger = EncryptedCharField(_("danger imminent avéré"), max_length=500, blank=True)
    consent_at = models.DateTimeField(_("accord exprès de la victime le"))
    geolocation_consent = models.BooleanField(_("accepte d'être géolocalisée en cas d'alerte"))
    withdrawn_at = models.DateTimeField(_("retiré le"), null=True, blank=True)
    withdrawal_reason = EncryptedCharField(_("motif du retrait"), max_length=500, blank=True)
    # Arrêté du 22 avril 2015, art. 5 al. 2: the procureur may have its positions kept eight days
    # instead of three (egide/retention/rules.py).
    positions_kept_longer_at = models.DateTimeField(
        _("conservation des positions portée à huit jours le"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("attribution de TGD")
        verbose_name_plural = _("attributions de TGD")
        ordering = ["-granted_at"]
        constraints = [
            models.CheckConstraint(condition=Q(no_cohabitation=True), name="tgd_no_cohabitation"),
            models.CheckConstraint(
                condition=~Q(contact_ban_basis="") | ~Q(imminent_danger=""),
                name="tgd_ban_or_danger",
            ),
            models.CheckConstraint(
                condition=Q(geolocation_consent=True), name="tgd_geolocation_consent"
            ),
            models.UniqueConstraint(
                fields=["phone"], condition=Q(withdrawn_at__isnull=True), name="tgd_one_holder"
            ),
        ]

    def __str__(self) -> str:
        return f"TGD {self.phone.device_id} — {self.case}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None and self.ends_at > timezone.now()


class BraceletOrder(models.Model):
    """The decision ordering a BAR: its framework, distance and duration."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="bracelet_orders")
    court = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    framework = models.CharField(_("cadre"), max_length=24, choices=Framework.choices)
    protection_order = models.ForeignKey(
        "justice.ProtectionOrder",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bracelet_orders",
    )
    immediate_order = models.ForeignKey(
        "justice.ImmediateProtectionOrder",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bracelet_orders",
    )
    alert_km = models.PositiveSmallIntegerField(_("distance d'alerte (km)"))
    perpetrator_consent = models.BooleanField(_("accord de l'auteur"), default=False)
    victim_consent = models.BooleanField(_("accord de la victime"), default=False)
    ordered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    ordered_at = models.DateTimeField(_("ordonné le"), default=timezone.now)
    ends_at = models.DateTimeField(_("jusqu'au"), null=True, blank=True)
    renewals = models.PositiveSmallIntegerField(_("renouvellements"), default=0)
    ended_at = models.DateTimeField(_("fin anticipée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("décision de bracelet anti-rapprochement")
        verbose_name_plural = _("décisions de bracelet anti-rapprochement")
        ordering = ["-ordered_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(alert_km__gte=1, alert_km__lte=10), name="bar_alert_km_1_10"
            ),
            models.CheckConstraint(
                condition=~Q(framework="civil") | Q(perpetrator_consent=True, victim_consent=True),
                name="bar_civil_consents",
            ),
        ]

    def __str__(self) -> str:
        return f"BAR {self.case} ({self.alert_km} km)"

    @property
    def is_criminal(self) -> bool:
        return self.framework != Framework.CIVIL


class Pairing(models.Model):
    """The perpetrator's bracelet and the victim's unit, as the monitoring engine reads them."""

    order = models.ForeignKey(BraceletOrder, on_delete=models.PROTECT, related_name="pairings")
    perpetrator_device = models.ForeignKey(
        Device, on_delete=models.PROTECT, related_name="pairings_as_perpetrator"
    )
    victim_device = models.ForeignKey(
        Device, on_delete=models.PROTECT, related_name="pairings_as_victim"
    )
    alert_m = models.PositiveIntegerField()
    prealert_m = models.PositiveIntegerField()
    valid_from = models.DateTimeField()
    valid_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("appairage")
        verbose_name_plural = _("appairages")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(prealert_m__gt=models.F("alert_m")), name="pairing_prealert_beyond"
            ),
            models.CheckConstraint(
                condition=~Q(perpetrator_device=models.F("victim_device")),
                name="pairing_two_devices",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.perpetrator_device.device_id} ↔ {self.victim_device.device_id}"

    @property
    def case(self):
        return self.order.case


class DistanceRevision(models.Model):
    """Every distance a pairing has had, with who set it and why (history kept)."""

    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="revisions")
    alert_km = models.PositiveSmallIntegerField()
    alert_m = models.PositiveIntegerField()
    prealert_m = models.PositiveIntegerField()
    revised_at = models.DateTimeField(default=timezone.now)
    revised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("révision des distances")
        verbose_name_plural = _("révisions des distances")
        ordering = ["-revised_at", "-id"]

    def __str__(self) -> str:
        return f"{self.alert_km} km"


class FixedZone(models.Model):
    """A fixed place with its own perimeter, usually from a place ban (515-11 1° bis)."""

    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="zones")
    measure = models.ForeignKey(
        "justice.Measure", on_delete=models.PROTECT, null=True, blank=True, related_name="zones"
    )
    label = EncryptedCharField(_("lieu"), max_length=200)
    is_victim_home = models.BooleanField(_("domicile de la victime"), default=False)
    latitude = models.DecimalField(max_digits=9, decimal_places=6)
    longitude = models.DecimalField(max_digits=9, decimal_places=6)
    alert_m = models.PositiveIntegerField()
    prealert_m = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("zone fixe")
        verbose_name_plural = _("zones fixes")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.label


class Exemption(models.Model):
    """A time window in which the judge authorises presence in a zone: [start, end)."""

    zone = models.ForeignKey(FixedZone, on_delete=models.CASCADE, related_name="exemptions")
    start = models.DateTimeField(_("début"))
    end = models.DateTimeField(_("fin"))
    label = models.CharField(_("objet"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("dérogation")
        verbose_name_plural = _("dérogations")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="exemption_order"),
        ]

    def __str__(self) -> str:
        return self.label or f"{self.start:%d/%m/%Y %H:%M}"
