"""Open-data tables already protected by statistical secrecy, so that a public request reads them
instead of running the secrecy solver (seconds per national table, docs/indicators.md)."""

from django.db import models
from django.utils import timezone


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
        indexes = [models.Index(fields=["year", "day", "-counted_at"], name="summary_latest")]

    def __str__(self) -> str:
        return f"{self.year} ({self.counted_at:%Y-%m-%d %H:%M})"


class SummaryCell(models.Model):
    """One indicator's additive parts (`measures.Part`) for a département, a court and a month
    (no month: today's figure). No court: the records of the département without one, or an
    indicator counted without courts."""

    summary = models.ForeignKey(Summary, on_delete=models.CASCADE, related_name="cells")
    indicator = models.CharField(max_length=64)
    departement = models.CharField(max_length=3, blank=True)
    court_id = models.PositiveIntegerField(null=True)
    month = models.DateField(null=True)
    n = models.BigIntegerField(default=0)
    k = models.BigIntegerField(default=0)
    amount = models.DecimalField(max_digits=18, decimal_places=2, default=0)
    # [[delay in whole units, records], …]: a median's histogram.
    histogram = models.JSONField(null=True)

    class Meta:
        indexes = [
            models.Index(fields=["summary", "indicator"], name="summary_cell_indicator"),
            models.Index(fields=["summary", "departement"], name="summary_cell_departement"),
            models.Index(fields=["summary", "court_id"], name="summary_cell_court"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.departement} {self.court_id} {self.month}"
