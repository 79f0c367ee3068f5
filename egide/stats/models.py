"""Open-data tables already protected by statistical secrecy, so that a public request reads them
instead of running the secrecy solver (seconds per national table, docs/indicators.md)."""

from django.db import models
from django.utils import timezone


class ProtectedTable(models.Model):
    """One open-data indicator's table for a year: its cells as counted and the status secrecy
    gave each one. `digest` names the cells (and the threshold): the same records give the same
    digest, hence the same protection; a changed record, another digest."""

    indicator = models.CharField(max_length=64)
    year = models.PositiveSmallIntegerField()
    digest = models.CharField(max_length=64, unique=True)
    # [[level rank, département, court id, period, count, status], …] sorted by key.
    cells = models.JSONField()
    protected_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["indicator", "year", "-protected_at"], name="protected_latest")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year} ({self.protected_at:%Y-%m-%d %H:%M})"
