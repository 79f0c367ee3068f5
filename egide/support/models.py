"""Support: emergency aid requests, shelter places and allocations, fresh-start plans."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egide.assessment.levels import DangerLevel
from egide.encryption.fields import EncryptedCharField

from .choices import (
    AidForm,
    AidProof,
    AidStatus,
    AllocationStatus,
    DeclineCause,
    NeedArea,
    NeedStatus,
    ShelterKind,
)
from .rules import PARAMETERS


class EmergencyAidRequest(models.Model):
    """An aide universelle d'urgence request: the law's simplified form, sent with the victim's
    consent to the CAF or MSA. It carries what the caisse needs to decide and pay, and no more:
    a caisse agent never reads the case itself."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="aid_requests")
    consent = models.ForeignKey("cases.ConsentRecord", on_delete=models.PROTECT, related_name="+")
    caisse = models.ForeignKey(
        "accounts.Agency", verbose_name=_("caisse"), on_delete=models.PROTECT, related_name="+"
    )
    departement = models.CharField(_("département"), max_length=3)
    first_name = EncryptedCharField(_("prénom"), max_length=150)
    last_name = EncryptedCharField(_("nom"), max_length=150)
    birth_date = models.DateField(_("date de naissance"))
    # Same digest as the case file's people, to find a previous award in another case.
    applicant_key = models.CharField(max_length=64, editable=False, db_index=True)
    bank_account = EncryptedCharField(_("IBAN"), max_length=40)
    children_under_21 = models.PositiveSmallIntegerField(_("enfants de moins de 21 ans"))
    monthly_resources = models.DecimalField(
        _("ressources nettes du mois précédent (€)"), max_digits=10, decimal_places=2
    )
    already_allocataire = models.BooleanField(_("déjà allocataire"))
    proof_kind = models.CharField(_("justificatif"), max_length=32, choices=AidProof.choices)
    proof_date = models.DateField(_("date du justificatif"))
    criminal_case_ongoing = models.BooleanField(_("procédure pénale en cours"), default=True)
    perpetrator_convicted = models.BooleanField(_("auteur condamné"), default=False)
    received_on = models.DateField(_("reçue le"))
    payment_due = models.DateField(_("à verser au plus tard le"))
    status = models.CharField(max_length=16, choices=AidStatus.choices, default=AidStatus.RECEIVED)
    form = models.CharField(_("forme"), max_length=8, choices=AidForm.choices, blank=True)
    amount = models.DecimalField(
        _("montant (€)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    refusal_reason = models.TextField(_("motif du refus"), blank=True)
    transmitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    transmitted_agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("demande d'aide universelle d'urgence")
        verbose_name_plural = _("demandes d'aide universelle d'urgence")
        ordering = ["payment_due", "id"]
        indexes = [models.Index(fields=["caisse", "status", "payment_due"], name="aid_inbox")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=[AidStatus.GRANTED, AidStatus.PAID])
                | (Q(amount__isnull=False) & ~Q(form="")),
                name="aid_granted_has_amount",
            ),
            models.CheckConstraint(
                condition=~Q(status=AidStatus.REFUSED) | ~Q(refusal_reason=""),
                name="aid_refused_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"AUU n°{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("support:aid_request", args=[self.pk])

    @property
    def is_late(self) -> bool:
        return self.status in (AidStatus.RECEIVED, AidStatus.GRANTED) and (
            self.payment_due < timezone.localdate()
        )


class Shelter(models.Model):
    """A shelter of an operator: its places are counted live from the allocations. Its name is
    unique in its département, where the people who ask for a place choose it by that name."""

    operator = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="shelters"
    )
    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(_("type"), max_length=24, choices=ShelterKind.choices)
    departement = models.CharField(_("département"), max_length=3, db_index=True)
    capacity = models.PositiveSmallIntegerField(_("places"))
    accessible = models.BooleanField(_("accessible en fauteuil roulant"), default=False)
    accepts_children = models.BooleanField(_("accueille des enfants"), default=True)
    # Where women hide: encrypted like a case's address, read by its operator's managers only.
    address = EncryptedCharField(_("adresse"), max_length=300, blank=True)
    # Where it is, so that an evicted perpetrator is never housed near it (egide/eviction).
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)

    class Meta:
        verbose_name = _("hébergement")
        verbose_name_plural = _("hébergements")
        ordering = ["departement", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["departement", "name"], name="shelter_unique_name_in_departement"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ShelterAllocation(models.Model):
    """A request for places for a household, from request to departure. Shelter staff see the
    guest's first name and initial, the household and dates — never her address."""

    shelter = models.ForeignKey(Shelter, on_delete=models.PROTECT, related_name="allocations")
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="shelter_allocations"
    )
    guest_label = EncryptedCharField(_("personne hébergée"), max_length=160)
    adults = models.PositiveSmallIntegerField(_("adultes"), default=1)
    children = models.PositiveSmallIntegerField(_("enfants"), default=0)
    # What the shelter needs to prepare her arrival — never where she lives.
    children_ages = models.CharField(_("âge des enfants"), max_length=60, blank=True)
    danger_level = models.CharField(
        _("niveau de danger"), max_length=16, choices=DangerLevel.choices, blank=True
    )
    safe_contact = EncryptedCharField(_("contact sûr"), max_length=200, blank=True)
    arrival = EncryptedCharField(_("modalités d'arrivée"), max_length=300, blank=True)
    special_needs = EncryptedCharField(_("besoins particuliers"), max_length=300, blank=True)
    status = models.CharField(
        max_length=16, choices=AllocationStatus.choices, default=AllocationStatus.REQUESTED
    )
    # Refusals before the structured cause was asked for have none ("").
    decline_cause = models.CharField(
        _("motif du refus"), max_length=16, choices=DeclineCause.choices, blank=True
    )
    decline_reason = models.TextField(_("précisions sur le refus"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    arrived_at = models.DateTimeField(null=True, blank=True)
    departed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("attribution de places")
        verbose_name_plural = _("attributions de places")
        ordering = ["-requested_at"]
        indexes = [models.Index(fields=["shelter", "status"], name="allocation_shelter_status")]
        constraints = [
            models.CheckConstraint(condition=Q(adults__gte=1), name="allocation_has_an_adult"),
        ]

    def __str__(self) -> str:
        return f"{self.shelter} — {self.guest_label}"

    @property
    def places(self) -> int:
        return self.adults + self.children


class FreshStartPlan(models.Model):
    """Pack nouveau départ: one named referent coordinating the partners around a victim."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.PROTECT, related_name="fresh_start_plan"
    )
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("référent"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    referent_agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("pack nouveau départ")
        verbose_name_plural = _("packs nouveau départ")

    def __str__(self) -> str:
        return f"{self.case}"

    def get_absolute_url(self) -> str:
        return reverse("support:plan", args=[self.case_id])


class FreshStartNeed(models.Model):
    """One need of the plan, in the hands of one partner agency, with a target date."""

    plan = models.ForeignKey(FreshStartPlan, on_delete=models.CASCADE, related_name="needs")
    area = models.CharField(_("domaine"), max_length=16, choices=NeedArea.choices)
    description = EncryptedCharField(_("description du besoin"), max_length=300)
    partner = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("partenaire"),
        on_delete=models.PROTECT,
        related_name="fresh_start_needs",
    )
    target_date = models.DateField(_("échéance"))
    status = models.CharField(
        _("état"), max_length=16, choices=NeedStatus.choices, default=NeedStatus.TO_DO
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("besoin")
        verbose_name_plural = _("besoins")
        ordering = ["target_date", "id"]
        indexes = [models.Index(fields=["partner", "status"], name="need_partner_status")]

    def __str__(self) -> str:
        return self.get_area_display()

    @property
    def is_late(self) -> bool:
        return self.status != NeedStatus.DONE and self.target_date < timezone.localdate()


class ParameterValue(models.Model):
    """One dated value of a revalued legal parameter (rules.PARAMETERS: RSA, SMIC), recorded by a
    platform administrator with its source; the rules read it through `rules.value_on`. Values
    are added, never edited: a mistaken one is corrected by a value with a later start date."""

    parameter = models.CharField(
        _("paramètre"), max_length=40, choices=[(k, v) for k, v in PARAMETERS.items()]
    )
    valid_from = models.DateField(_("en vigueur à partir du"))
    value = models.DecimalField(_("montant (€)"), max_digits=10, decimal_places=2)
    source = models.CharField(_("source (texte)"), max_length=300)
    source_url = models.URLField(_("source (adresse web)"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("valeur de paramètre")
        verbose_name_plural = _("valeurs de paramètre")
        ordering = ["parameter", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["parameter", "valid_from"], name="one_parameter_value_per_start_date"
            ),
            models.CheckConstraint(condition=Q(value__gt=0), name="parameter_value_positive"),
        ]

    def __str__(self):
        return f"{self.get_parameter_display()} — {self.valid_from.isoformat()}"
