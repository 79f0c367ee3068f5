"""The national perpetrator index's trail, and the programmes of the perpetrator centres (CPCA).

The index's trail: who looked a perpetrator up and found another file.

The index itself is the encrypted people of the case files, searched through their birth dates
and matched on decrypted names in memory (egide.cases.matching): nothing more about a person is
stored here. Each look-up that finds another case is audited; a row here tells the other file's
owner on its worklist, once a day per looking case and agency (index.known_elsewhere).

The programmes: an order to attend (ProgrammeOrder) reaches a CPCA, which enrols the person
(Enrolment, also for volunteers), plans modules and sessions, records attendance and owes the
ordering authority its reports (ProgrammeReport). Nothing here points at the victim: the CPCA's
pages read these tables only (programmes.py, perms.py).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egide.accounts.roles import Role
from egide.encryption.fields import EncryptedCharField, EncryptedTextField

from .choices import (
    Attendance,
    EnrolmentOrigin,
    EnrolmentStatus,
    LegalBasis,
    ModuleKind,
    ReportKind,
    SessionKind,
)


class IndexLookup(models.Model):
    from_case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    matched_case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="index_lookups"
    )
    looked_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    agency = models.ForeignKey(
        "accounts.Agency", verbose_name=_("structure"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(max_length=32)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("consultation du fichier des auteurs")
        verbose_name_plural = _("consultations du fichier des auteurs")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["matched_case", "-at"], name="index_lookup_matched")]

    def __str__(self) -> str:
        return f"{self.matched_case} ← {self.agency}"


class ProgrammeOrder(models.Model):
    """An order or obligation to attend a perpetrator programme, addressed to the CPCA of the
    case's département by the parquet, a judge or the SPIP. The CPCA reads the person's identity,
    the basis and the ordering authority, never the victim nor the case's content."""

    person = models.ForeignKey(
        "cases.Person", verbose_name=_("personne"), on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("dossier"),
        on_delete=models.PROTECT,
        related_name="programme_orders",
    )
    cpca = models.ForeignKey(
        "accounts.Agency", verbose_name=_("CPCA"), on_delete=models.PROTECT, related_name="+"
    )
    ordering_agency = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("autorité prescriptrice"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    ordering_role = models.CharField(_("qualité du prescripteur"), max_length=32)
    ordered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    basis = models.CharField(_("fondement"), max_length=16, choices=LegalBasis.choices)
    ordered_on = models.DateField(_("ordonné le"))
    # The criminal obligation this order carries out, when one is recorded (its id, as text).
    obligation_reference = models.CharField(_("obligation pénale"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("transmis le"), default=timezone.now)

    class Meta:
        verbose_name = _("orientation vers un CPCA")
        verbose_name_plural = _("orientations vers un CPCA")
        ordering = ["-ordered_on", "-id"]
        indexes = [models.Index(fields=["cpca", "-ordered_on"], name="programme_order_cpca")]
        constraints = [
            models.UniqueConstraint(
                fields=["obligation_reference"],
                condition=~models.Q(obligation_reference=""),
                name="programme_order_one_per_obligation",
            )
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.ordered_on:%d/%m/%Y}"

    @property
    def ordering_role_label(self) -> str:
        return str(Role(self.ordering_role).label)


class Enrolment(models.Model):
    """A person followed by a CPCA: from an order, or voluntarily (through a "Ne frappez pas"
    hand-over or on his own), then only with the identity he gives. The identity is kept here,
    encrypted, so the CPCA never reads the case's people."""

    cpca = models.ForeignKey(
        "accounts.Agency", verbose_name=_("CPCA"), on_delete=models.PROTECT, related_name="+"
    )
    origin = models.CharField(_("arrivée"), max_length=16, choices=EnrolmentOrigin.choices)
    order = models.OneToOneField(
        ProgrammeOrder,
        verbose_name=_("orientation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enrolment",
    )
    # The enrolment keeps its own copy of what he gave: the hand-over goes at its retention's end
    # (egide/retention), and the enrolment stays, from the helpline all the same (`origin`).
    handover = models.OneToOneField(
        "helpline.CpcaHandover",
        verbose_name=_("mise en relation « Ne frappez pas »"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enrolment",
    )
    last_name = EncryptedCharField(_("nom"), max_length=150, blank=True)
    first_name = EncryptedCharField(_("prénom"), max_length=150)
    birth_date = models.DateField(_("date de naissance"), null=True, blank=True)
    phone = EncryptedCharField(_("téléphone"), max_length=32, blank=True)
    enrolled_on = models.DateField(_("inscrit le"))
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("statut"), max_length=16, choices=EnrolmentStatus.choices, default=EnrolmentStatus.ACTIVE
    )
    ended_on = models.DateField(_("terminé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("suivi en CPCA")
        verbose_name_plural = _("suivis en CPCA")
        ordering = ["-enrolled_on", "-id"]
        indexes = [models.Index(fields=["cpca", "status"], name="enrolment_cpca_status")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(origin=EnrolmentOrigin.ORDERED, order__isnull=False)
                | (~models.Q(origin=EnrolmentOrigin.ORDERED) & models.Q(order__isnull=True)),
                name="enrolment_ordered_has_order",
            ),
            models.CheckConstraint(
                condition=models.Q(origin=EnrolmentOrigin.HELPLINE)
                | models.Q(handover__isnull=True),
                name="enrolment_handover_only_from_helpline",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_absolute_url(self) -> str:
        return reverse("perpetrators:enrolment", args=[self.pk])


class PlannedModule(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="modules")
    kind = models.CharField(_("module"), max_length=24, choices=ModuleKind.choices)

    class Meta:
        verbose_name = _("module prévu")
        verbose_name_plural = _("modules prévus")
        ordering = ["enrolment", "id"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "kind"], name="planned_module_once")
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class Session(models.Model):
    """One session of a module, and whether the person came."""

    module = models.ForeignKey(PlannedModule, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(_("séance"), max_length=16, choices=SessionKind.choices)
    starts_at = models.DateTimeField(_("date et heure"))
    attendance = models.CharField(
        _("présence"), max_length=16, choices=Attendance.choices, blank=True
    )
    attendance_recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("séance")
        verbose_name_plural = _("séances")
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["starts_at"], name="programme_session_start")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {timezone.localtime(self.starts_at):%d/%m/%Y %H:%M}"


class ProgrammeReport(models.Model):
    """What the CPCA owes the ordering authority: an unexcused absence, the end of the programme.
    Due by `due_by` (rules.py); the authority reads it once sent and acknowledges it."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(_("objet"), max_length=24, choices=ReportKind.choices)
    session = models.OneToOneField(
        Session, on_delete=models.CASCADE, null=True, blank=True, related_name="report"
    )
    event_at = models.DateTimeField(_("fait du"))
    due_by = models.DateTimeField(_("à transmettre avant le"))
    note = EncryptedTextField(_("observations du CPCA"), blank=True)
    sent_at = models.DateTimeField(_("transmis le"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(_("lu le"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("rapport à l'autorité prescriptrice")
        verbose_name_plural = _("rapports à l'autorité prescriptrice")
        ordering = ["due_by", "id"]
        indexes = [models.Index(fields=["sent_at", "due_by"], name="programme_report_due")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {timezone.localtime(self.event_at):%d/%m/%Y}"

    def is_overdue(self, now=None) -> bool:
        return self.sent_at is None and (now or timezone.now()) > self.due_by
