"""The single case file (dossier unique): people, incidents, documents, timeline, sharing."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egide.encryption.fields import EncryptedCharField, EncryptedTextField

from . import search_keys
from .choices import (
    AddressHiddenBasis,
    CaseOrigin,
    CaseStatus,
    CloseReason,
    DisclosureChannel,
    DocumentKind,
    EvidenceKind,
    NoteKind,
    PersonRole,
    ReferralStatus,
    RelationshipKind,
    ShareScope,
)


class Case(models.Model):
    """A victim's case file, opened by a police or gendarmerie unit at the complaint, or by a
    partner (association, hospital, ISCG, département) as a support case, with her consent.

    The opening agency owns the file. A support case has no court until she files a complaint
    (`complaint_unit` is then the police unit that took it) or the procureur is seized.
    """

    reference = models.CharField(_("référence"), max_length=32, unique=True, editable=False)
    status = models.CharField(
        _("statut"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    close_reason = models.CharField(
        _("motif de clôture"), max_length=32, choices=CloseReason.choices, blank=True
    )
    closed_at = models.DateTimeField(_("clos le"), null=True, blank=True)
    departement = models.CharField(_("département"), max_length=3)
    court = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("tribunal"),
        on_delete=models.PROTECT,
        null=True,
        related_name="court_cases",
    )
    opening_agency = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("unité saisie"),
        on_delete=models.PROTECT,
        related_name="opened_cases",
    )
    opened_as = models.CharField(
        _("ouvert par"), max_length=16, choices=CaseOrigin.choices, default=CaseOrigin.COMPLAINT
    )
    complaint_filed = models.BooleanField(_("plainte déposée"), default=True)
    # The police unit that took a complaint filed after a support case was opened.
    complaint_unit = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("unité ayant reçu la plainte"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaint_cases",
    )
    prosecutor_seized_at = models.DateTimeField(_("procureur saisi le"), null=True, blank=True)
    # A duplicate file, once merged, points to the file that carries on.
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("rattaché au dossier"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_cases",
    )
    assigned_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enquêteur référent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_cases",
    )
    created_at = models.DateTimeField(_("ouvert le"), default=timezone.now)
    # Hidden address (OP 6° / 6° bis, or the victim's request while a decision is pending).
    address_hidden = models.BooleanField(_("adresse masquée"), default=False)
    address_hidden_basis = models.CharField(
        _("fondement du masquage"), max_length=16, choices=AddressHiddenBasis.choices, blank=True
    )
    # The élection de domicile is a lawyer's, the procureur's or an association's address.
    election_of_domicile = models.TextField(_("élection de domicile"), blank=True)

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The case list of a unit or a court, newest first.
            models.Index(fields=["opening_agency", "-created_at"], name="case_agency_recent"),
            models.Index(fields=["court", "-created_at"], name="case_court_recent"),
            models.Index(fields=["assigned_officer", "status"], name="case_assigned"),
            # Lists mixing doors (unit OR referral OR break-glass) walk this one, newest first.
            models.Index(fields=["-created_at", "-id"], name="case_recent"),
            models.Index(fields=["complaint_unit", "-created_at"], name="case_complaint_unit"),
            # A département's indicators join their records to its cases (egide/stats).
            models.Index(fields=["departement", "court"], name="case_territory"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(status=CaseStatus.CLOSED, closed_at__isnull=False) & ~Q(close_reason="")
                )
                | (~Q(status=CaseStatus.CLOSED) & Q(close_reason="")),
                name="case_closed_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(address_hidden=False) | ~Q(election_of_domicile=""),
                name="case_hidden_address_has_election",
            ),
            # A complaint case is a complaint; a support case says whether one was filed since.
            models.CheckConstraint(
                condition=~Q(opened_as=CaseOrigin.COMPLAINT) | Q(complaint_filed=True),
                name="case_complaint_origin_filed",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("cases:detail", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.status == CaseStatus.CLOSED

    def people_in_role(self, role: str):
        return [person for person in self.people.all() if person.role == role]

    @property
    def is_support_case(self) -> bool:
        return self.opened_as == CaseOrigin.SUPPORT

    @property
    def evidence_disclosed(self) -> bool:
        """Evidence kept without a complaint reaches police and parquet only from here on."""
        return self.complaint_filed or self.prosecutor_seized_at is not None

    @property
    def victim(self):
        return next(iter(self.people_in_role(PersonRole.VICTIM)), None)

    @property
    def perpetrator(self):
        return next(iter(self.people_in_role(PersonRole.PERPETRATOR)), None)

    def records_victim_at_perpetrator_address(self) -> bool:
        """Whether the file records one address for a victim and a perpetrator (compared without
        case, accents or punctuation). For a warning only: it never shows the address itself."""

        def addresses(role):
            return {
                search_keys.normalise_name(person.address)
                for person in self.people_in_role(role)
                if person.address.strip()
            }

        return bool(addresses(PersonRole.VICTIM) & addresses(PersonRole.PERPETRATOR))


class Person(models.Model):
    """Someone in a case. Names and contact details are encrypted; search uses keyed digests."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="people")
    role = models.CharField(_("qualité"), max_length=16, choices=PersonRole.choices)
    last_name = EncryptedCharField(_("nom"), max_length=150)
    first_name = EncryptedCharField(_("prénom"), max_length=150)
    birth_date = models.DateField(_("date de naissance"), null=True, blank=True)
    # Kept when only the year is known, and to match "born around" when the date is missing.
    birth_year = models.PositiveSmallIntegerField(_("année de naissance"), null=True, blank=True)
    phone = EncryptedCharField(_("téléphone"), max_length=32, blank=True)
    email = EncryptedCharField(_("courriel"), max_length=254, blank=True)
    address = EncryptedTextField(_("adresse"), blank=True)
    notes = EncryptedTextField(_("observations"), blank=True)
    last_name_key = models.CharField(max_length=64, editable=False, db_index=True)
    first_name_key = models.CharField(max_length=64, editable=False)

    class Meta:
        verbose_name = _("personne")
        verbose_name_plural = _("personnes")
        ordering = ["case", "role", "id"]
        indexes = [
            models.Index(fields=["birth_date"], name="person_birth_date"),
            models.Index(fields=["birth_year"], name="person_birth_year"),
            models.Index(fields=["case", "role"], name="person_case_role"),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def save(self, *args, **kwargs):
        self.last_name_key = search_keys.name_key(self.last_name)
        self.first_name_key = search_keys.name_key(self.first_name)
        if self.birth_date:
            self.birth_year = self.birth_date.year
        super().save(*args, **kwargs)


class Relationship(models.Model):
    """The couple relationship between the victim and the perpetrator."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="relationship")
    kind = models.CharField(_("lien"), max_length=32, choices=RelationshipKind.choices)
    separation_date = models.DateField(_("date de séparation"), null=True, blank=True)
    separation_in_progress = models.BooleanField(_("séparation en cours"), default=False)

    class Meta:
        verbose_name = _("relation")
        verbose_name_plural = _("relations")

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def is_separated(self) -> bool:
        return self.separation_date is not None or self.separation_in_progress


class SafeContact(models.Model):
    """How to reach the victim without putting her at risk."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="safe_contact")
    phone = EncryptedCharField(_("téléphone sûr"), max_length=32, blank=True)
    email = EncryptedCharField(_("courriel sûr"), max_length=254, blank=True)
    times_to_call = EncryptedCharField(_("créneaux d'appel"), max_length=200, blank=True)
    never_leave_message = models.BooleanField(_("ne jamais laisser de message"), default=True)
    code_word = EncryptedCharField(_("mot code"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("contact sûr")
        verbose_name_plural = _("contacts sûrs")

    def __str__(self) -> str:
        return str(_("Contact sûr"))


class Incident(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="incidents")
    occurred_on = models.DateField(_("date des faits"))
    commune = models.CharField(_("commune"), max_length=120)
    violence_forms = models.JSONField(_("formes de violence"), default=list)
    children_exposed = models.BooleanField(_("enfants exposés"), default=False)
    weapons_involved = models.BooleanField(_("arme utilisée ou menacée"), default=False)
    disclosure_channel = models.CharField(
        _("mode de révélation"), max_length=32, choices=DisclosureChannel.choices
    )
    narrative = EncryptedTextField(_("récit des faits"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("fait de violence")
        verbose_name_plural = _("faits de violence")
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["case", "-occurred_on"], name="incident_case_recent")]

    def __str__(self) -> str:
        return f"{self.occurred_on:%d/%m/%Y}"

    def violence_form_labels(self) -> list[str]:
        from .choices import ViolenceForm

        labels = dict(ViolenceForm.choices)
        return [str(labels.get(form, form)) for form in self.violence_forms]


class Document(models.Model):
    """A piece of evidence. The file is encrypted under MEDIA_ROOT with an opaque name."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("nature"), max_length=32, choices=DocumentKind.choices)
    original_name = EncryptedCharField(_("nom du fichier"), max_length=255)
    stored_name = models.CharField(max_length=64, unique=True, editable=False)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    uploaded_agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("pièce")
        verbose_name_plural = _("pièces")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.get_kind_display()


class TimelineEntry(models.Model):
    """One line of the merged timeline that every domain writes to.

    `summary` never holds personal data (it is shown to everyone who sees the case, and may be
    counted by statistics); anything personal goes to the encrypted `detail`.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="timeline")
    at = models.DateTimeField(default=timezone.now)
    kind = models.CharField(max_length=48)
    summary = models.CharField(max_length=255)
    detail = EncryptedTextField(_("précisions"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, null=True, related_name="+"
    )
    source_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source_id = models.CharField(max_length=64, blank=True)
    source = GenericForeignKey("source_type", "source_id")

    class Meta:
        verbose_name = _("événement du dossier")
        verbose_name_plural = _("chronologie")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["case", "-at", "-id"], name="timeline_case_recent")]

    def __str__(self) -> str:
        return self.summary


class ConsentRecord(models.Model):
    """What the victim agreed to share with one agency, and when she withdrew it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    agency = models.ForeignKey(
        "accounts.Agency", verbose_name=_("structure"), on_delete=models.PROTECT, related_name="+"
    )
    scope = models.CharField(_("étendue"), max_length=16, choices=ShareScope.choices)
    given_at = models.DateTimeField(_("recueilli le"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("retiré le"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("consentement")
        verbose_name_plural = _("consentements")
        ordering = ["-given_at"]
        indexes = [models.Index(fields=["case", "agency"], name="consent_case_agency")]

    def __str__(self) -> str:
        return f"{self.agency} — {self.get_scope_display()}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class Referral(models.Model):
    """A case sent to another agency's role (ISCG, social referent…). It grants visibility."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    to_agency = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("destinataire"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_role = models.CharField(_("rôle destinataire"), max_length=32)
    scope = models.CharField(_("étendue"), max_length=16, choices=ShareScope.choices)
    status = models.CharField(
        max_length=16, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    consent = models.ForeignKey(
        ConsentRecord, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals"
    )
    # Mandatory when sent without consent on a legal basis (e.g. by the procureur).
    legal_basis = models.TextField(_("fondement légal"), blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    from_agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("orientation")
        verbose_name_plural = _("orientations")
        ordering = ["-sent_at"]
        indexes = [
            models.Index(fields=["to_agency", "to_role", "status"], name="referral_inbox"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(consent__isnull=False) | ~Q(legal_basis=""),
                name="referral_has_consent_or_legal_basis",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} → {self.to_agency}"

    @property
    def is_live(self) -> bool:
        return self.status in (ReferralStatus.SENT, ReferralStatus.ACCEPTED)


class BreakGlassAccess(models.Model):
    """A time-limited emergency read of one case, with its reason; flagged to the auditor."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="break_glass_accesses")
    membership = models.ForeignKey(
        "accounts.Membership", on_delete=models.PROTECT, related_name="break_glass_accesses"
    )
    reason = models.TextField(_("motif"))
    granted_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = _("accès d'urgence")
        verbose_name_plural = _("accès d'urgence")
        indexes = [
            models.Index(fields=["membership", "expires_at"], name="breakglass_active"),
        ]

    def __str__(self) -> str:
        return f"{self.case} ({self.granted_at:%d/%m/%Y %H:%M})"


class CaseNote(models.Model):
    """A social worker's follow-up note or interview record. Read by the author's agency, and by
    the agencies the author shares it with explicitly — never by the rest of the case's readers."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(_("nature"), max_length=16, choices=NoteKind.choices)
    text = EncryptedTextField(_("contenu"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    shared_with = models.ManyToManyField(
        "accounts.Agency", verbose_name=_("partagée avec"), blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.created_at:%d/%m/%Y})"


class EvidenceRecord(models.Model):
    """An examination and the evidence a hospital or UMJ keeps, with or without a complaint.

    What was kept and where are encrypted. Police and parquet read it only once she has filed a
    complaint or the procureur is seized (`Case.evidence_disclosed`); the keeper is reminded
    before `keep_until` (cases/tasks.py).
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("nature"), max_length=32, choices=EvidenceKind.choices)
    examined_on = models.DateField(_("examen du"))
    description = EncryptedTextField(_("ce qui est conservé"))
    itt_days = models.PositiveSmallIntegerField(
        _("ITT (jours)"), null=True, blank=True, help_text=_("Incapacité totale de travail.")
    )
    storage_place = EncryptedCharField(_("lieu de conservation"), max_length=255)
    keep_until = models.DateField(_("conservé jusqu'au"))
    keeper = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("conservé par"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("preuve conservée")
        verbose_name_plural = _("preuves conservées")
        ordering = ["-examined_on", "-id"]
        indexes = [models.Index(fields=["keep_until"], name="evidence_keep_until")]
        constraints = [
            models.CheckConstraint(
                condition=Q(itt_days__isnull=True) | Q(kind=EvidenceKind.MEDICAL_CERTIFICATE),
                name="evidence_itt_on_certificate",
            ),
            models.CheckConstraint(
                condition=Q(keep_until__gte=models.F("examined_on")),
                name="evidence_kept_after_examination",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.examined_on:%d/%m/%Y})"
