"""The directory of help: where a victim, or a professional for her, finds a structure nearby."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import Service, Source, StructureKind


class Structure(models.Model):
    """A place that helps: a CIDFF, a maison des femmes, a police station, a CAF…

    Identified by its source and the id it has there, so re-importing a file updates it.
    """

    kind = models.CharField(_("type"), max_length=32, choices=StructureKind.choices)
    name = models.CharField(_("nom"), max_length=255)
    address = models.CharField(_("adresse"), max_length=255, blank=True)
    postcode = models.CharField(_("code postal"), max_length=5)
    commune = models.CharField(_("commune"), max_length=120)
    departement = models.CharField(_("département"), max_length=3, db_index=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    phone = models.CharField(_("téléphone"), max_length=32, blank=True)
    email = models.EmailField(_("courriel"), blank=True)
    website = models.URLField(_("site internet"), blank=True)
    hours = models.TextField(_("horaires"), blank=True)
    languages = models.JSONField(_("langues"), default=list, blank=True)
    accessible = models.BooleanField(_("accessible en fauteuil roulant"), default=False)
    accessibility_note = models.CharField(_("accessibilité"), max_length=255, blank=True)
    services = models.JSONField(_("services"), default=list, blank=True)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    source_id = models.CharField(_("identifiant dans la source"), max_length=64)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("lieu d'aide")
        verbose_name_plural = _("lieux d'aide")
        ordering = ["departement", "name"]
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id"], name="structure_source_id"),
            models.CheckConstraint(
                condition=models.Q(latitude__gte=-90, latitude__lte=90)
                & models.Q(longitude__gte=-180, longitude__lte=180),
                name="structure_coordinates_valid",
            ),
        ]
        # The bounding-box prefilter of the distance search.
        indexes = [models.Index(fields=["latitude", "longitude"], name="structure_position")]

    def __str__(self) -> str:
        return self.name

    def service_labels(self) -> list[str]:
        labels = dict(Service.choices)
        return [str(labels.get(service, service)) for service in self.services]


class Orientation(models.Model):
    """A professional pointed a case's victim to a structure (the commune only was used)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="orientations")
    structure = models.ForeignKey(Structure, on_delete=models.PROTECT, related_name="+")
    commune = models.CharField(_("commune de recherche"), max_length=120)
    distance_km = models.DecimalField(max_digits=6, decimal_places=1)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("orientation vers un lieu d'aide")
        verbose_name_plural = _("orientations vers des lieux d'aide")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.case} → {self.structure}"
