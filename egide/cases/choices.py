"""The vocabulary of the case file: statuses, roles in a case, relationships, forms of violence."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Ouvert")
    # VioGén's lesson: a case is not closed too early, it is kept under watch first.
    SUPERVISED = "supervised", _("Sous surveillance")
    CLOSED = "closed", _("Clos")


class CaseOrigin(models.TextChoices):
    """Which door the case came in by: a complaint at a police unit, or support by a partner."""

    COMPLAINT = "complaint", _("Plainte")
    SUPPORT = "support", _("Accompagnement")


class EvidenceKind(models.TextChoices):
    """What a hospital or a UMJ keeps after examining her, with or without a complaint."""

    MEDICAL_CERTIFICATE = "medical_certificate", _("Certificat médical (avec ITT)")
    PHOTOGRAPHS = "photographs", _("Photographies des lésions")
    SAMPLES = "samples", _("Prélèvements")
    OTHER = "other", _("Autre élément conservé")


class CloseReason(models.TextChoices):
    DANGER_ENDED = "danger_ended", _("Danger écarté, accompagnement terminé")
    VICTIM_MOVED = "victim_moved", _("Victime partie hors du ressort")
    VICTIM_REQUEST = "victim_request", _("Demande de la victime")
    MERGED = "merged", _("Rattaché à un autre dossier")
    OTHER = "other", _("Autre motif")
    # The outcomes that call for a review of our failings (egide/reviews).
    FEMICIDE = "femicide", _("Décès de la victime — féminicide")
    FORCED_SUICIDE = "forced_suicide", _("Suicide forcé (C. pén. 222-33-2-1)")
    GRAVE_FAILURE = "grave_failure", _("Défaillance grave")


# A case closed so is reviewed: what went wrong, what each agency knew, what must change.
REVIEWED_OUTCOMES = frozenset(
    {CloseReason.FEMICIDE, CloseReason.FORCED_SUICIDE, CloseReason.GRAVE_FAILURE}
)


class AddressHiddenBasis(models.TextChoices):
    OP_6 = (
        "op_6",
        _("Ordonnance de protection, 6° (élection de domicile chez l'avocat ou le procureur)"),
    )
    OP_6_BIS = (
        "op_6_bis",
        _(
            "Ordonnance de protection, 6° bis "
            "(élection de domicile chez une personne morale qualifiée)"
        ),
    )
    VICTIM_REQUEST = "victim_request", _("Demande de la victime, dans l'attente d'une décision")


class PersonRole(models.TextChoices):
    VICTIM = "victim", _("Victime")
    PERPETRATOR = "perpetrator", _("Auteur présumé")
    CHILD = "child", _("Enfant (co-victime)")
    RELATIVE = "relative", _("Autre proche")


class RelationshipKind(models.TextChoices):
    MARRIED = "married", _("Mariés")
    PACS = "pacs", _("Pacsés")
    COHABITING = "cohabiting", _("Concubins")
    EX_PARTNER = "ex_partner", _("Ex-conjoints ou ex-partenaires")
    NEVER_LIVED_TOGETHER = "never_lived_together", _("Partenaires n'ayant jamais vécu ensemble")


class ViolenceForm(models.TextChoices):
    PHYSICAL = "physical", _("Physiques")
    SEXUAL = "sexual", _("Sexuelles")
    PSYCHOLOGICAL = "psychological", _("Psychologiques")
    ECONOMIC = "economic", _("Économiques")
    COERCIVE_CONTROL = "coercive_control", _("Contrôle coercitif")
    CYBER_SURVEILLANCE = "cyber_surveillance", _("Cybersurveillance")
    THREATS = "threats", _("Menaces")
    HARASSMENT = "harassment", _("Harcèlement (dont suicide forcé)")


class DisclosureChannel(models.TextChoices):
    """How an incident became known."""

    POLICE_COMPLAINT = "police_complaint", _("Plainte au commissariat ou à la brigade")
    HOSPITAL_COMPLAINT = "hospital_complaint", _("Plainte recueillie à l'hôpital")
    EVIDENCE_WITHOUT_COMPLAINT = "evidence_without_complaint", _("Recueil de preuves sans plainte")
    MAIN_COURANTE = "main_courante", _("Main courante")
    # Code pénal art. 226-14, 3° : signalement par un professionnel de santé sans l'accord.
    HEALTH_REPORT = (
        "health_report",
        _("Signalement d'un professionnel de santé (C. pén. 226-14, 3°)"),
    )
    HELPLINE_3919 = "helpline_3919", _("Orientation par le 3919")
    ASSOCIATION = "association", _("Association")


class DocumentKind(models.TextChoices):
    MEDICAL_CERTIFICATE = "medical_certificate", _("Certificat médical")
    PHOTO = "photo", _("Photographie")
    COURT_DECISION = "court_decision", _("Décision de justice")
    OTHER = "other", _("Autre pièce")


class ShareScope(models.TextChoices):
    WHOLE_FILE = "whole_file", _("Tout le dossier")
    SUPPORT_PLAN = "support_plan", _("Accompagnement seulement (identité et contact sûr)")


class NoteKind(models.TextChoices):
    FOLLOW_UP = "follow_up", _("Note de suivi")
    INTERVIEW = "interview", _("Compte rendu d'entretien")


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Envoyée")
    ACCEPTED = "accepted", _("Acceptée")
    DECLINED = "declined", _("Refusée")
    REVOKED = "revoked", _("Révoquée")
