"""Open-data tables already protected by statistical secrecy, so that a public request reads them
instead of running the secrecy solver (seconds per national table, docs/indicators.md)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ProtectedTable(models.Model):
    """One open-data indicator's table for a year: the status secrecy gave each cell. `digest`
    names the counts (and months and threshold) the cells follow from: the same records give
    the same digest, hence the same protection; a changed record, another digest."""

    indicator = models.CharField(max_length=64)
    year = models.PositiveSmallIntegerField()
    digest = models.CharField(max_length=64, unique=True)
    # [[level rank, département, court id, period, status], …] sorted by cell.
    status = models.JSONField()
    protected_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("tableau protégé")
        verbose_name_plural = _("tableaux protégés")
        indexes = [
            models.Index(fields=["indicator", "year", "-protected_at"], name="protected_latest")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year} ({self.protected_at:%Y-%m-%d %H:%M})"


class OpenDataFile(models.Model):
    """A year's public files as published on `day`, for the counts `digest` names: the same
    records on the same day give the same bytes."""

    year = models.PositiveSmallIntegerField()
    day = models.DateField()
    digest = models.CharField(max_length=64, unique=True)
    csv = models.BinaryField()
    json = models.BinaryField()
    made_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("fichier de données ouvertes")
        verbose_name_plural = _("fichiers de données ouvertes")
        indexes = [models.Index(fields=["year", "-made_at"], name="open_data_latest")]

    def __str__(self) -> str:
        return f"{self.year} ({self.day})"


class Summary(models.Model):
    """A year's indicators as counted at `counted_at` on `day`, cell by cell (`SummaryCell`):
    the pages add up the cells of their territory instead of counting every record
    (`summary.py`, docs/indicators.md)."""

    year = models.PositiveSmallIntegerField()
    day = models.DateField()
    counted_at = models.DateTimeField()

    class Meta:
        verbose_name = _("récapitulatif des indicateurs")
        verbose_name_plural = _("récapitulatifs des indicateurs")
        indexes = [models.Index(fields=["year", "day", "-counted_at"], name="summary_latest")]

    def __str__(self) -> str:
        return f"{self.year} ({self.counted_at:%Y-%m-%d %H:%M})"


class SummaryPlace(models.Model):
    """Where and when a summary's figure is: an indicator, a département, a court (none: the
    records of the département without one, or an indicator counted without courts) and a
    month (none: today's figure); or the nation's total (`national`), which is the sum of the
    cells."""

    summary = models.ForeignKey(Summary, on_delete=models.CASCADE, related_name="%(class)ss")
    indicator = models.CharField(max_length=64)
    departement = models.CharField(max_length=3, blank=True)
    court_id = models.PositiveIntegerField(null=True)
    month = models.DateField(null=True)
    national = models.BooleanField(default=False)

    class Meta:
        abstract = True
        indexes = [
            models.Index(fields=["summary", "indicator"], name="%(class)s_indicator"),
            models.Index(fields=["summary", "departement"], name="%(class)s_departement"),
            models.Index(fields=["summary", "court_id"], name="%(class)s_court"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.departement} {self.court_id} {self.month}"


class SummaryCell(SummaryPlace):
    """One indicator's additive parts (`measures.Part`) in a cell: records, a share's
    numerator, a sum."""

    n = models.BigIntegerField(default=0)
    k = models.BigIntegerField(default=0)
    amount = models.DecimalField(max_digits=18, decimal_places=2, default=0)

    class Meta(SummaryPlace.Meta):
        verbose_name = _("case du récapitulatif")
        verbose_name_plural = _("cases du récapitulatif")


class SummaryBucket(SummaryPlace):
    """A median's histogram in a cell, one row per delay: `n` records took `delay` whole units
    (hours, minutes, days). The database adds a territory's histograms up."""

    delay = models.IntegerField()
    n = models.BigIntegerField()

    class Meta(SummaryPlace.Meta):
        verbose_name = _("délai d'une médiane du récapitulatif")
        verbose_name_plural = _("délais des médianes du récapitulatif")
