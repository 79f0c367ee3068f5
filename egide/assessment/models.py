"""Danger assessments and the re-assessments they call for.

An Assessment, its Override and the Override's SignOff are immutable records (docs/assessment.md,
rule 7): saving an existing one, updating or deleting them is refused. Re-scoring is a new
Assessment. ReassessmentTask is a to-do, not a record of fact, and is updated as work is done.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egide.cases.choices import CaseStatus

from .choices import OverrideDirection, SignOffDecision, Trigger
from .instruments import get_instrument
from .levels import DangerLevel

# The victim's own fear, 0 (none) to 10 (extreme), as she says it.
FEAR_SCALE_MAX = 10


class ImmutableRecordError(Exception):
    """An attempt to change or remove a recorded assessment, override or sign-off."""


class ImmutableQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableRecordError(f"{self.model.__name__} records cannot be changed")

    def delete(self):
        raise ImmutableRecordError(f"{self.model.__name__} records cannot be deleted")


class ImmutableRecord(models.Model):
    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableRecordError(f"{type(self).__name__} records cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRecordError(f"{type(self).__name__} records cannot be deleted")


class AssessmentQuerySet(ImmutableQuerySet):
    def with_current_level(self):
        """Annotates `current_level`: the final level as the database can compute it."""
        return self.annotate(
            current_level=models.Case(
                When(override__direction=OverrideDirection.RAISE, then=F("override__level")),
                When(
                    override__sign_off__decision=SignOffDecision.APPROVED,
                    then=F("override__level"),
                ),
                default=F("computed_level"),
            )
        )

    def latest_first(self):
        return self.order_by("-created_at", "-id")

    def latest_of_each_case(self):
        """Each case's latest assessment (in `latest_first`'s order), as an anti-join: one pass
        over the table for many cases, where a subquery per case reads it once a case."""
        # `created_at >=` alone lets the database walk the (case, created_at) index.
        later = self.model.objects.filter(
            case=OuterRef("case"), created_at__gte=OuterRef("created_at")
        ).filter(
            Q(created_at__gt=OuterRef("created_at"))
            | Q(created_at=OuterRef("created_at"), id__gt=OuterRef("id"))
        )
        return self.filter(~Exists(later))


class Assessment(ImmutableRecord):
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("dossier"),
    )
    # The exact instrument version used, and the checksum of its file at the time.
    instrument_id = models.CharField(_("instrument"), max_length=64)
    instrument_version = models.CharField(_("version"), max_length=32)
    instrument_sha256 = models.CharField(max_length=64)
    answers = models.JSONField(_("réponses"), default=dict)
    inputs = models.JSONField(_("éléments complémentaires"), default=dict)
    computed_level = models.CharField(
        _("niveau calculé"), max_length=16, choices=DangerLevel.choices
    )
    # What the missing answers could still reach; equal to computed_level when complete.
    possible_level = models.CharField(
        _("niveau atteignable"), max_length=16, choices=DangerLevel.choices
    )
    findings = models.JSONField(_("motifs"), default=list)
    victim_fear = models.PositiveSmallIntegerField(
        _("peur exprimée par la victime (0 à 10)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(FEAR_SCALE_MAX)],
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assessor_role = models.CharField(max_length=32)
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("date"), default=timezone.now)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("évaluation du danger")
        verbose_name_plural = _("évaluations du danger")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["case", "-created_at"], name="assessment_case_recent")]
        constraints = [
            models.CheckConstraint(
                condition=Q(victim_fear__isnull=True) | Q(victim_fear__lte=FEAR_SCALE_MAX),
                name="assessment_fear_on_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument_id} {self.instrument_version} — {self.created_at:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("assessment:detail", args=[self.pk])

    @property
    def instrument(self):
        return get_instrument(self.instrument_id, self.instrument_version)

    @property
    def complete(self) -> bool:
        return self.computed_level == self.possible_level

    @property
    def current_override(self):
        return getattr(self, "override", None) if self.pk else None

    @property
    def final_level(self) -> str:
        """The level that counts: a raise at once, a downgrade only once a supervisor signs."""
        override = self.current_override
        if override is None or not override.in_force:
            return self.computed_level
        return override.level

    def get_final_level_display(self) -> str:
        return DangerLevel(self.final_level).label


class Override(ImmutableRecord):
    """A professional's decision to set another level than the computed one, with reasons."""

    assessment = models.OneToOneField(Assessment, on_delete=models.PROTECT, related_name="override")
    direction = models.CharField(_("sens"), max_length=16, choices=OverrideDirection.choices)
    level = models.CharField(_("niveau retenu"), max_length=16, choices=DangerLevel.choices)
    reason = models.TextField(_("motif écrit"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    author_role = models.CharField(max_length=32)
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ImmutableQuerySet.as_manager()

    class Meta:
        verbose_name = _("appréciation professionnelle")
        verbose_name_plural = _("appréciations professionnelles")
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="override_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} → {self.get_level_display()}"

    @property
    def signed_off(self):
        return getattr(self, "sign_off", None) if self.pk else None

    @property
    def awaiting_sign_off(self) -> bool:
        return self.direction == OverrideDirection.DOWNGRADE and self.signed_off is None

    @property
    def in_force(self) -> bool:
        if self.direction == OverrideDirection.RAISE:
            return True
        sign_off = self.signed_off
        return sign_off is not None and sign_off.decision == SignOffDecision.APPROVED


class SignOff(ImmutableRecord):
    """A supervisor's decision on a downgrade: until approved, the computed level stands."""

    override = models.OneToOneField(Override, on_delete=models.PROTECT, related_name="sign_off")
    decision = models.CharField(_("décision"), max_length=16, choices=SignOffDecision.choices)
    comment = models.TextField(_("commentaire"), blank=True)
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    supervisor_role = models.CharField(max_length=32)
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ImmutableQuerySet.as_manager()

    class Meta:
        verbose_name = _("validation d'un abaissement")
        verbose_name_plural = _("validations d'abaissement")

    def __str__(self) -> str:
        return self.get_decision_display()


class ReassessmentTaskQuerySet(models.QuerySet):
    def open(self):
        return self.filter(done_by__isnull=True)

    def due(self):
        """Open, on a case still followed: closing a case ends its re-assessments (reopening
        it brings them back)."""
        return self.open().exclude(case__status=CaseStatus.CLOSED)

    def overdue(self, now=None):
        return self.due().filter(due_at__lt=now or timezone.now())


class ReassessmentTask(models.Model):
    """A dated re-assessment to do; done by the next assessment of the case."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="reassessment_tasks"
    )
    trigger = models.CharField(_("motif"), max_length=32, choices=Trigger.choices)
    due_at = models.DateTimeField(_("à faire avant le"))
    created_at = models.DateTimeField(default=timezone.now)
    # The assessment whose level set the deadline (level_deadline tasks only).
    set_by = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    done_by = models.ForeignKey(
        Assessment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="completed_tasks",
    )

    objects = ReassessmentTaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("réévaluation à faire")
        verbose_name_plural = _("réévaluations à faire")
        ordering = ["due_at", "id"]
        indexes = [models.Index(fields=["done_by", "due_at"], name="reassessment_open_due")]
        constraints = [
            # One open task per case and trigger: a repeated event only brings its date forward.
            models.UniqueConstraint(
                fields=["case", "trigger"],
                condition=Q(done_by__isnull=True),
                name="reassessment_one_open_per_trigger",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_trigger_display()} — {self.due_at:%d/%m/%Y}"

    @property
    def is_overdue(self) -> bool:
        return self.done_by_id is None and self.due_at < timezone.now()
