"""Eviction housing: the places an operator runs for perpetrators evicted from the shared home,
and the requests of the parquet or the judge, from the request to his departure."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egide.encryption.fields import EncryptedCharField, EncryptedTextField

from .choices import DepartureReason, LegalBasis, RequestStatus


class HousingPlace(models.Model):
    """A flat or room of an operator; its free places are counted live from the requests."""

    operator = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="eviction_places"
    )
    label = models.CharField(_("nom"), max_length=120)
    # Once occupied, the address is where a named person lives: encrypted like the case's.
    address = EncryptedCharField(_("adresse"), max_length=300)
    commune = models.CharField(_("commune"), max_length=120)
    departement = models.CharField(_("département"), max_length=3, db_index=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6)
    longitude = models.DecimalField(max_digits=9, decimal_places=6)
    capacity = models.PositiveSmallIntegerField(_("places"), default=1)
    available = models.BooleanField(_("ouvert aux attributions"), default=True)

    class Meta:
        verbose_name = _("logement pour auteur évincé")
        verbose_name_plural = _("logements pour auteurs évincés")
        ordering = ["commune", "label"]
        constraints = [
            models.UniqueConstraint(fields=["operator", "label"], name="eviction_place_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.label} — {self.commune}"


class HousingRequest(models.Model):
    """The parquet's or the judge's request to house the perpetrator of a case, so that the
    victim stays at home. The operator sees the perpetrator's minimal identity, the ordering
    court and the dates — never the case, nor anything of the victim."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    perpetrator = models.ForeignKey("cases.Person", on_delete=models.PROTECT, related_name="+")
    court = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    operator = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("gestionnaire"),
        on_delete=models.PROTECT,
        related_name="eviction_requests",
    )
    legal_basis = models.CharField(_("fondement"), max_length=24, choices=LegalBasis.choices)
    leave_by = models.DateField(_("doit quitter le domicile au plus tard le"))
    # The criminal obligation this request carries out (egide/criminal), when there is one.
    obligation_reference = models.CharField(
        _("référence de l'obligation"), max_length=64, blank=True
    )
    status = models.CharField(
        _("état"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.REQUESTED
    )
    place = models.ForeignKey(
        HousingPlace,
        verbose_name=_("logement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_role = models.CharField(max_length=32)
    requested_at = models.DateTimeField(_("demandée le"), default=timezone.now)
    proposed_at = models.DateTimeField(_("proposé le"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmé le"), null=True, blank=True)
    arrived_at = models.DateTimeField(_("arrivé le"), null=True, blank=True)
    departed_at = models.DateTimeField(_("parti le"), null=True, blank=True)
    departure_reason = models.CharField(
        _("motif du départ"), max_length=16, choices=DepartureReason.choices, blank=True
    )
    departure_note = EncryptedTextField(_("précisions"), blank=True)

    class Meta:
        verbose_name = _("demande d'hébergement d'un auteur évincé")
        verbose_name_plural = _("demandes d'hébergement d'auteurs évincés")
        ordering = ["-requested_at", "-id"]
        indexes = [
            models.Index(fields=["operator", "status"], name="eviction_operator_status"),
            models.Index(fields=["court", "status"], name="eviction_court_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["requested", "withdrawn"]) | Q(place__isnull=False),
                name="eviction_request_placed",
            ),
            models.CheckConstraint(
                condition=~Q(status="departed") | ~Q(departure_reason=""),
                name="eviction_departure_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return _("Demande d'hébergement n°%(number)s") % {"number": self.pk}

    def get_absolute_url(self) -> str:
        return reverse("eviction:request", args=[self.pk])
