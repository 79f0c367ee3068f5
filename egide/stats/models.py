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
