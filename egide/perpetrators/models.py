"""The national perpetrator index's trail: who looked a perpetrator up and found another file.

The index itself is the encrypted people of the case files, searched through their birth dates
and matched on decrypted names in memory (egide.cases.matching): nothing more about a person is
stored here. Each look-up that finds another case is audited; a row here tells the other file's
owner on its worklist, once a day per looking case and agency (index.known_elsewhere).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
