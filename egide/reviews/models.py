"""Reviews of our failings: when a victim died (feminicide, forced suicide) or a case failed
gravely, the parquet of the case's court reviews the multi-agency timeline with the members it
invites, marks the missed opportunities and follows its recommendations until they are done."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egide.encryption.fields import EncryptedTextField

from .choices import RecommendationStatus, ReviewStatus, Theme


class Review(models.Model):
    """One review per case. Its timeline is never stored: it is read from the records each time
    (`timeline.py`), so it cannot drift from what the agencies really recorded."""

    case = models.OneToOneField(
        "cases.Case", verbose_name=_("dossier"), on_delete=models.PROTECT, related_name="review"
    )
    court = models.ForeignKey(
        "accounts.Agency", verbose_name=_("tribunal"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("état"), max_length=8, choices=ReviewStatus.choices, default=ReviewStatus.OPEN
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(_("ouverte le"), default=timezone.now)
    closed_at = models.DateTimeField(_("close le"), null=True, blank=True)

    class Meta:
        verbose_name = _("revue de défaillances")
        verbose_name_plural = _("revues de défaillances")
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=ReviewStatus.OPEN, closed_at__isnull=True)
                | Q(status=ReviewStatus.CLOSED, closed_at__isnull=False),
                name="review_closed_at",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case.reference}"

    def get_absolute_url(self) -> str:
        return reverse("reviews:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == ReviewStatus.OPEN


class ReviewMember(models.Model):
    """A member of another agency of the chain, invited by the parquet: they read this review,
    and this review only."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="members")
    membership = models.ForeignKey(
        "accounts.Membership", verbose_name=_("membre"), on_delete=models.PROTECT, related_name="+"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    invited_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("membre d'une revue")
        verbose_name_plural = _("membres des revues")
        constraints = [
            models.UniqueConstraint(fields=["review", "membership"], name="review_member_once"),
        ]

    def __str__(self) -> str:
        return f"{self.review} — {self.membership_id}"


class Mark(models.Model):
    """A reviewer's mark on one line of the timeline: a missed opportunity the rules did not see,
    with a comment."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="marks")
    line_key = models.CharField(max_length=64)
    comment = EncryptedTextField(_("commentaire"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    marked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("occasion manquée relevée")
        verbose_name_plural = _("occasions manquées relevées")
        ordering = ["marked_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "line_key"], name="review_mark_once"),
        ]

    def __str__(self) -> str:
        return self.line_key


class Recommendation(models.Model):
    """What an agency must change, by when; followed until done or dropped with a reason."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="recommendations")
    text = EncryptedTextField(_("recommandation"))
    theme = models.CharField(_("thème"), max_length=24, choices=Theme.choices)
    owner = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("service responsable"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    due_on = models.DateField(_("échéance"))
    status = models.CharField(
        _("état"),
        max_length=16,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.OPEN,
    )
    drop_reason = EncryptedTextField(_("motif de l'abandon"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(_("terminée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("recommandation")
        verbose_name_plural = _("recommandations")
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=RecommendationStatus.DROPPED) | ~Q(drop_reason=""),
                name="recommendation_dropped_with_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_theme_display()} — {self.due_on:%d/%m/%Y}"

    @property
    def is_overdue(self) -> bool:
        ended = self.status in (RecommendationStatus.DONE, RecommendationStatus.DROPPED)
        return not ended and self.due_on < timezone.localdate()
