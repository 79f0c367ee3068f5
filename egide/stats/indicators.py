"""The indicators of the plan: each one declared once, with its definition, unit and measure.

An indicator's definition page, the analyst's home, the exports and the open data all read this
catalogue; the figures come from the platform's own records (`measures.py`), never typed in.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db.models import DateTimeField, Exists, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Cast, Coalesce, Least, TruncDate
from django.db.models.lookups import GreaterThan, LessThan
from django.utils.translation import gettext_lazy as _

from egide.assessment.levels import HIGH_DANGER
from egide.assessment.models import Assessment, Override, ReassessmentTask
from egide.cases.choices import CaseStatus
from egide.cases.models import Case
from egide.cases.protection import without_protection
from egide.criminal.choices import ObligationKind
from egide.criminal.models import Obligation
from egide.devices.models import AlarmPhoneAssignment, Pairing
from egide.justice.choices import OrderStatus
from egide.justice.models import BreachReport, ImmediateProtectionOrder, ProtectionOrder
from egide.justice.rules import OP_DECISION_DAYS, OPPI_DECISION_HOURS
from egide.monitoring.choices import IncidentKind
from egide.monitoring.models import Event, Incident
from egide.perpetrators.choices import EnrolmentStatus
from egide.perpetrators.models import Enrolment
from egide.support.choices import AidForm, AidStatus, AllocationStatus, DeclineCause
from egide.support.models import EmergencyAidRequest, Shelter, ShelterAllocation
from egide.support.rules import (
    AUU_IN_FORCE_FROM,
    PAYMENT_DAYS_ALLOCATAIRE,
    PAYMENT_DAYS_NEW_CLAIMANT,
)

from .choices import Theme, Unit
from .measures import Current, Mean, Measure, Median, Share, Stock, Territory, Total
from .sql import DaysBetween, ElapsedUnits

DAY, HOUR, MINUTE = 86400, 3600, 60
SINCE_START = _("Depuis la mise en service d'Égide : les dossiers antérieurs ne sont pas repris.")


@dataclass(frozen=True)
class Indicator:
    slug: str
    theme: Theme
    name: str
    definition: str
    unit: Unit
    measure: Measure | Current
    since: str = SINCE_START
    # Filled into the definition and "since" texts when shown (they stay translatable).
    params: dict = field(default_factory=dict)
    # Published in the open data: additive counts only (docs/indicators.md, "Données ouvertes").
    open_data: bool = False

    @property
    def definition_text(self) -> str:
        return str(self.definition) % self.params if self.params else str(self.definition)

    @property
    def since_text(self) -> str:
        return str(self.since) % self.params if self.params else str(self.since)

    @property
    def by_court(self) -> bool:
        return bool(self.measure.territory.court)

    def available(self, scope) -> bool:
        """An indicator without a court (shelters) has no figure for one court."""
        return self.by_court or not scope.court_id


DECIDED_OP = Q(decided_at__isnull=False)
GRANTED_OP = DECIDED_OP & ~Q(status=OrderStatus.REJECTED)
HEARD_AND_DECIDED = DECIDED_OP & Q(hearing_set_at__isnull=False)
PAID = Q(status=AidStatus.PAID, paid_at__isnull=False)
ALERT_KINDS = (IncidentKind.SOS, IncidentKind.ALERT)
HELD_PLACES = (AllocationStatus.ACCEPTED, AllocationStatus.ARRIVED, AllocationStatus.DEPARTED)
PAIRING = Territory("order__case__departement", "order__case__court")
SHELTER = Territory("shelter__departement")
# A volunteer's enrolment has no case: a CPCA's figures are its département's, not a court's.
CPCA = Territory("cpca__departement")


def tgd_held(at) -> Q:
    return Q(granted_at__lt=at, ends_at__gt=at) & (
        Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gt=at)
    )


def pairing_held(at) -> Q:
    return Q(valid_from__lt=at) & (Q(valid_until__isnull=True) | Q(valid_until__gt=at))


def places_held(at) -> Q:
    return Q(decided_at__lt=at, status__in=HELD_PLACES) & (
        Q(departed_at__isnull=True) | Q(departed_at__gt=at)
    )


def shelters(territory: Q):
    return Shelter.objects.filter(territory)


# An assessment that concluded (or was raised) to high danger.
# An EXISTS rather than a join to the override: a condition on the assessment's row alone, which
# the database checks before the costlier ones (the first measure's five subqueries).
RAISED_HIGH = Override.objects.filter(assessment=OuterRef("pk"), level__in=HIGH_DANGER)
ASSESSED_HIGH = Q(computed_level__in=HIGH_DANGER) | Q(Exists(RAISED_HIGH))


def high_danger_cases_unprotected(territory: Q):
    # The open cases' remainder once protected ones are taken out, then those whose latest
    # assessment is high: each step one pass over its table, whatever the number of cases.
    high_now = (
        Assessment.objects.latest_of_each_case()
        .with_current_level()
        .filter(current_level__in=HIGH_DANGER)
        .values("case_id")
    )
    cases = without_protection(Case.objects.exclude(status=CaseStatus.CLOSED).filter(territory))
    return cases.filter(pk__in=high_now)


# When each kind of protection measure of the assessment's case first came into force: the
# dated side of the measures `cases.protection` registers (which only say what is in force now).
NEVER = Value(datetime(9999, 1, 1, tzinfo=UTC), output_field=DateTimeField())


def earliest(records, field: str, case_path: str = "case"):
    first = records.filter(**{case_path: OuterRef("case_id")}).order_by(field).values(field)[:1]
    return Coalesce(Subquery(first, output_field=DateTimeField()), NEVER)


FIRST_MEASURE = Least(
    earliest(ProtectionOrder.objects.filter(GRANTED_OP), "decided_at"),
    earliest(
        ImmediateProtectionOrder.objects.filter(decided_at__isnull=False).exclude(
            status=OrderStatus.REJECTED
        ),
        "decided_at",
    ),
    earliest(AlarmPhoneAssignment.objects.all(), "granted_at"),
    earliest(Pairing.objects.all(), "valid_from", "order__case"),
    earliest(
        Obligation.objects.filter(kind=ObligationKind.CONTACT_BAN).annotate(
            start=Cast("starts_on", DateTimeField())
        ),
        "start",
    ),
)
EARLIER_HIGH = Assessment.objects.filter(
    ASSESSED_HIGH, case=OuterRef("case_id"), created_at__lt=OuterRef("created_at")
)
# A case's first high-danger assessment, made while no measure protected it yet, and a measure
# came afterwards.
HIGH_THEN_PROTECTED = (
    ASSESSED_HIGH
    & ~Q(Exists(EARLIER_HIGH))
    & Q(GreaterThan(FIRST_MEASURE, F("created_at")))
    & Q(LessThan(FIRST_MEASURE, NEVER))
)

# An offline episode ends when its device is back online: the engine's `device.online` event,
# joined to the offline incident it ends (monitoring.publisher).
BACK_ONLINE = Event.objects.filter(incident=OuterRef("pk"), type="device.online")
OFFLINE_ENDED = Q(kind=IncidentKind.OFFLINE) & Q(Exists(BACK_ONLINE))
BACK_ONLINE_AT = Subquery(BACK_ONLINE.order_by("ts").values("ts")[:1])

OP_DAYS = OP_DECISION_DAYS[-1]
OPPI_HOURS = OPPI_DECISION_HOURS[-1]

INDICATORS = (
    Indicator(
        "op-demandees",
        Theme.PROTECTION_ORDERS,
        _("Ordonnances de protection demandées"),
        _("Demandes d'ordonnance de protection enregistrées, comptées au mois de la demande."),
        Unit.COUNT,
        Total(ProtectionOrder, "requested_at"),
        open_data=True,
    ),
    Indicator(
        "op-delivrees",
        Theme.PROTECTION_ORDERS,
        _("Ordonnances de protection délivrées"),
        _(
            "Ordonnances de protection délivrées par le juge aux affaires familiales (y compris "
            "celles levées ou expirées depuis), comptées au mois de la décision."
        ),
        Unit.COUNT,
        Total(ProtectionOrder, "decided_at", where=GRANTED_OP),
        open_data=True,
    ),
    Indicator(
        "op-rejetees",
        Theme.PROTECTION_ORDERS,
        _("Demandes d'ordonnance de protection rejetées"),
        _("Demandes rejetées par le juge, comptées au mois de la décision."),
        Unit.COUNT,
        Total(ProtectionOrder, "decided_at", where=DECIDED_OP & Q(status=OrderStatus.REJECTED)),
        open_data=True,
    ),
    Indicator(
        "op-delai-median",
        Theme.PROTECTION_ORDERS,
        _("Délai médian entre la fixation de l'audience et la décision"),
        _(
            "Médiane, à l'heure près, du temps écoulé entre la fixation de la date d'audience et "
            "la décision, pour les ordonnances décidées dans le mois."
        ),
        Unit.DAYS,
        Median(
            ProtectionOrder,
            "decided_at",
            where=HEARD_AND_DECIDED,
            elapsed=ElapsedUnits(F("hearing_set_at"), F("decided_at"), HOUR),
            scale=24,
        ),
    ),
    Indicator(
        "op-decidees-dans-le-delai",
        Theme.PROTECTION_ORDERS,
        _("Ordonnances décidées dans le délai légal"),
        _(
            "Part des ordonnances décidées dans le mois dont la décision est intervenue avant la "
            "fin du délai de %(days)s jours suivant la fixation de l'audience (%(source)s ; le "
            "délai est calculé par Égide à la fixation de l'audience)."
        ),
        Unit.PERCENT,
        Share(
            ProtectionOrder,
            "decided_at",
            where=HEARD_AND_DECIDED,
            numerator=Q(decided_at__lte=F("decision_due_at")),
        ),
        params={"days": OP_DAYS.value, "source": OP_DAYS.source},
    ),
    Indicator(
        "oppi-demandees",
        Theme.IMMEDIATE_ORDERS,
        _("OPPI demandées"),
        _(
            "Ordonnances provisoires de protection immédiate demandées par le procureur, "
            "comptées au mois de la demande."
        ),
        Unit.COUNT,
        Total(ImmediateProtectionOrder, "requested_at"),
        since=_("Depuis l'entrée en vigueur de l'OPPI (%(date)s) et la mise en service d'Égide."),
        params={"date": f"{OPPI_HOURS.since:%d/%m/%Y}"},
        open_data=True,
    ),
    Indicator(
        "oppi-delai-median",
        Theme.IMMEDIATE_ORDERS,
        _("Délai médian de décision sur une OPPI"),
        _(
            "Médiane, à l'heure près, du temps écoulé entre la demande d'OPPI et la décision du "
            "juge, pour les OPPI décidées dans le mois."
        ),
        Unit.HOURS,
        Median(
            ImmediateProtectionOrder,
            "decided_at",
            where=Q(decided_at__isnull=False),
            elapsed=ElapsedUnits(F("requested_at"), F("decided_at"), HOUR),
        ),
    ),
    Indicator(
        "oppi-decidees-dans-le-delai",
        Theme.IMMEDIATE_ORDERS,
        _("OPPI décidées dans le délai légal"),
        _(
            "Part des OPPI décidées dans le mois dans les %(hours)s heures suivant la demande "
            "(%(source)s)."
        ),
        Unit.PERCENT,
        Share(
            ImmediateProtectionOrder,
            "decided_at",
            where=Q(decided_at__isnull=False),
            numerator=Q(decided_at__lte=F("decision_due_at")),
        ),
        params={"hours": OPPI_HOURS.value, "source": OPPI_HOURS.source},
    ),
    Indicator(
        "tgd-attribues",
        Theme.ALARM_PHONES,
        _("Téléphones grave danger attribués"),
        _("Attributions de TGD par le procureur, comptées au mois de l'attribution."),
        Unit.COUNT,
        Total(AlarmPhoneAssignment, "granted_at"),
        open_data=True,
    ),
    Indicator(
        "tgd-actifs",
        Theme.ALARM_PHONES,
        _("Téléphones grave danger actifs"),
        _(
            "Attributions de TGD en cours à la fin du mois (aujourd'hui pour le mois en cours) : "
            "attribuées, ni retirées ni arrivées à échéance."
        ),
        Unit.COUNT,
        Stock(AlarmPhoneAssignment, "granted_at", held_at=tgd_held),
    ),
    Indicator(
        "bar-actifs",
        Theme.BRACELETS,
        _("Bracelets anti-rapprochement actifs"),
        _(
            "Appairages d'un bracelet et d'un boîtier de victime en cours à la fin du mois "
            "(aujourd'hui pour le mois en cours)."
        ),
        Unit.COUNT,
        Stock(Pairing, "valid_from", territory=PAIRING, held_at=pairing_held),
    ),
    Indicator(
        "alertes",
        Theme.MONITORING,
        _("Alertes reçues par le centre de surveillance"),
        _(
            "Incidents d'alerte (SOS d'un TGD ou d'un boîtier, franchissement d'une distance ou "
            "d'une zone par un bracelet) ouverts dans le mois. Un incident sans dossier n'est "
            "compté qu'au niveau national."
        ),
        Unit.COUNT,
        Total(Incident, "opened_at", where=Q(kind__in=ALERT_KINDS)),
        open_data=True,
    ),
    Indicator(
        "alertes-delai-prise-en-charge",
        Theme.MONITORING,
        _("Délai médian de prise en charge d'une alerte"),
        _(
            "Médiane, à la minute près, du temps écoulé entre l'ouverture d'un incident d'alerte "
            "et sa prise en charge par un opérateur, pour les alertes ouvertes dans le mois."
        ),
        Unit.MINUTES,
        Median(
            Incident,
            "opened_at",
            where=Q(kind__in=ALERT_KINDS, acknowledged_at__isnull=False),
            elapsed=ElapsedUnits(F("opened_at"), F("acknowledged_at"), MINUTE),
        ),
    ),
    Indicator(
        "pre-alertes",
        Theme.MONITORING,
        _("Pré-alertes de bracelet"),
        _(
            "Incidents de pré-alerte (le bracelet de l'auteur approche de la distance d'alerte "
            "ou d'une zone) ouverts dans le mois."
        ),
        Unit.COUNT,
        Total(Incident, "opened_at", where=Q(kind=IncidentKind.PREALERT)),
        open_data=True,
    ),
    Indicator(
        "alertes-delai-envoi-police",
        Theme.MONITORING,
        _("Délai médian d'envoi des forces de l'ordre"),
        _(
            "Médiane, à la minute près, du temps écoulé entre l'ouverture d'un incident et "
            "l'envoi des forces de l'ordre par l'opérateur, pour les incidents ouverts dans le "
            "mois où elles ont été envoyées."
        ),
        Unit.MINUTES,
        Median(
            Incident,
            "opened_at",
            where=Q(police_sent_at__isnull=False),
            elapsed=ElapsedUnits(F("opened_at"), F("police_sent_at"), MINUTE),
        ),
    ),
    Indicator(
        "dispositifs-hors-ligne",
        Theme.MONITORING,
        _("Épisodes hors ligne des dispositifs"),
        _(
            "Incidents « hors ligne » ouverts par le centre de surveillance : un TGD, un "
            "bracelet ou un boîtier dont plus rien n'a été reçu au-delà du délai réglé "
            "(EGIDE_MONITORING_OFFLINE_AFTER_S), comptés au mois où le silence a commencé."
        ),
        Unit.COUNT,
        Total(Incident, "occurred_at", where=Q(kind=IncidentKind.OFFLINE)),
    ),
    Indicator(
        "dispositifs-hors-ligne-duree-mediane",
        Theme.MONITORING,
        _("Durée médiane d'un épisode hors ligne"),
        _(
            "Médiane, à la minute près, du temps écoulé entre le début du silence d'un "
            "dispositif et son retour en ligne (l'événement « de nouveau en ligne » du moteur "
            "de surveillance), pour les épisodes commencés dans le mois et terminés depuis. "
            "Un épisode encore en cours n'est pas compté."
        ),
        Unit.MINUTES,
        Median(
            Incident,
            "occurred_at",
            where=OFFLINE_ENDED,
            elapsed=ElapsedUnits(F("occurred_at"), BACK_ONLINE_AT, MINUTE),
        ),
    ),
    Indicator(
        "violations-signalees",
        Theme.MONITORING,
        _("Violations signalées au procureur"),
        _(
            "Signalements de violation d'une ordonnance ou d'un dispositif reçus par le "
            "procureur, comptés au mois de réception."
        ),
        Unit.COUNT,
        Total(BreachReport, "reported_at"),
        open_data=True,
    ),
    Indicator(
        "violations-prises-en-compte-dans-le-delai",
        Theme.MONITORING,
        _("Violations prises en compte dans le délai"),
        _(
            "Part des signalements de violation reçus dans le mois que le procureur a pris en "
            "compte avant l'échéance fixée à leur réception (règle de la plateforme, réglage "
            "EGIDE_BREACH_ACK_MINUTES)."
        ),
        Unit.PERCENT,
        Share(
            BreachReport,
            "reported_at",
            numerator=Q(acknowledged_at__lte=F("acknowledgement_due_at")),
        ),
    ),
    Indicator(
        "auu-demandees",
        Theme.EMERGENCY_AID,
        _("Aides universelles d'urgence demandées"),
        _("Demandes d'aide transmises à la CAF ou à la MSA, comptées au mois de réception."),
        Unit.COUNT,
        Total(EmergencyAidRequest, "received_on"),
        since=_("Depuis l'entrée en vigueur de l'aide (%(date)s) et la mise en service d'Égide."),
        params={"date": f"{AUU_IN_FORCE_FROM:%d/%m/%Y}"},
        open_data=True,
    ),
    Indicator(
        "auu-versees",
        Theme.EMERGENCY_AID,
        _("Aides universelles d'urgence versées"),
        _("Aides versées par la caisse, comptées au mois du versement."),
        Unit.COUNT,
        Total(EmergencyAidRequest, "paid_at", where=PAID),
        open_data=True,
    ),
    Indicator(
        "auu-versees-dans-le-delai",
        Theme.EMERGENCY_AID,
        _("Aides versées dans le délai légal"),
        _(
            "Part des aides versées dans le mois au plus tard à la date limite de versement : "
            "%(allocataire)s jours ouvrés après la réception pour un allocataire, "
            "%(new)s sinon (CASF L. 214-9 ; la date limite est calculée par Égide à la "
            "réception, jours fériés compris)."
        ),
        Unit.PERCENT,
        Share(
            EmergencyAidRequest,
            "paid_at",
            where=PAID,
            numerator=Q(paid_at__date__lte=F("payment_due")),
        ),
        params={"allocataire": PAYMENT_DAYS_ALLOCATAIRE, "new": PAYMENT_DAYS_NEW_CLAIMANT},
    ),
    Indicator(
        "auu-delai-median",
        Theme.EMERGENCY_AID,
        _("Délai médian de versement"),
        _(
            "Médiane, en jours calendaires, du temps écoulé entre la réception de la demande et "
            "le versement, pour les aides versées dans le mois."
        ),
        Unit.DAYS,
        Median(
            EmergencyAidRequest,
            "paid_at",
            where=PAID,
            elapsed=DaysBetween(F("received_on"), TruncDate("paid_at")),
        ),
    ),
    Indicator(
        "auu-montant-moyen",
        Theme.EMERGENCY_AID,
        _("Montant moyen versé"),
        _("Moyenne des montants des aides versées dans le mois, prêts et aides non remboursables."),
        Unit.EUROS,
        Mean(EmergencyAidRequest, "paid_at", where=PAID, value_field="amount"),
    ),
    Indicator(
        "auu-part-des-prets",
        Theme.EMERGENCY_AID,
        _("Part des aides versées sous forme de prêt"),
        _(
            "Part des aides versées dans le mois accordées en prêt sans intérêt (le reste l'est "
            "en aide non remboursable)."
        ),
        Unit.PERCENT,
        Share(EmergencyAidRequest, "paid_at", where=PAID, numerator=Q(form=AidForm.LOAN)),
    ),
    Indicator(
        "hebergement-places",
        Theme.SHELTER,
        _("Places d'hébergement"),
        _(
            "Places déclarées aujourd'hui par les hébergements du territoire. La capacité "
            "n'est pas historisée : seule la valeur du jour est connue."
        ),
        Unit.COUNT,
        Current(Territory("departement"), shelters, amount=Sum("capacity")),
    ),
    Indicator(
        "hebergement-places-occupees",
        Theme.SHELTER,
        _("Places d'hébergement occupées ou réservées"),
        _(
            "Places (adultes et enfants) tenues à la fin du mois par les attributions acceptées, "
            "de l'acceptation jusqu'au départ, dans les hébergements du territoire."
        ),
        Unit.COUNT,
        Stock(
            ShelterAllocation,
            "decided_at",
            territory=SHELTER,
            held_at=places_held,
            amount=lambda held: Sum(F("adults") + F("children"), filter=held),
        ),
    ),
    Indicator(
        "hebergement-refus-manque-de-place",
        Theme.SHELTER,
        _("Demandes d'hébergement refusées faute de place"),
        _(
            "Demandes de places refusées par l'hébergement pour le motif « manque de place », "
            "comptées au mois du refus, dans les hébergements du territoire."
        ),
        Unit.COUNT,
        Total(
            ShelterAllocation,
            "decided_at",
            territory=SHELTER,
            where=Q(status=AllocationStatus.DECLINED, decline_cause=DeclineCause.NO_PLACE),
        ),
        since=_("Depuis l'enregistrement d'un motif structuré des refus (décembre 2026)."),
        open_data=True,
    ),
    Indicator(
        "reevaluations-dans-le-delai",
        Theme.DANGER,
        _("Réévaluations faites dans le délai"),
        _(
            "Part des réévaluations du danger arrivées à échéance dans le mois (jusqu'à "
            "maintenant pour le mois en cours) faites au plus tard à leur échéance."
        ),
        Unit.PERCENT,
        Share(
            ReassessmentTask,
            "due_at",
            numerator=Q(done_by__created_at__lte=F("due_at")),
        ),
    ),
    Indicator(
        "danger-eleve-sans-mesure",
        Theme.DANGER,
        _("Dossiers en danger élevé sans mesure de protection"),
        _(
            "Dossiers ouverts dont la dernière évaluation conclut à un danger élevé ou extrême "
            "et qu'aucune mesure (ordonnance, OPPI, TGD, bracelet) ne protège, aujourd'hui. "
            "L'historique de cette situation n'est pas encore conservé."
        ),
        Unit.COUNT,
        Current(Territory("departement", "court"), high_danger_cases_unprotected),
    ),
    Indicator(
        "danger-eleve-delai-avant-mesure",
        Theme.DANGER,
        _("Délai médian entre l'évaluation en danger élevé et la première mesure"),
        _(
            "Pour les dossiers évalués pour la première fois en danger élevé ou extrême dans le "
            "mois alors qu'aucune mesure ne les protégeait, médiane, en jours entiers, du temps "
            "écoulé jusqu'à l'entrée en vigueur de la première mesure : ordonnance de protection "
            "ou OPPI délivrée, TGD attribué, bracelet appairé, interdiction de contact pénale. "
            "Les dossiers encore sans mesure ne sont pas comptés : l'indicateur du jour les "
            "dénombre."
        ),
        Unit.DAYS,
        Median(
            Assessment,
            "created_at",
            where=HIGH_THEN_PROTECTED,
            elapsed=ElapsedUnits(F("created_at"), FIRST_MEASURE, DAY),
        ),
    ),
    Indicator(
        "cpca-inscriptions",
        Theme.PERPETRATORS,
        _("Auteurs pris en charge par un CPCA"),
        _(
            "Inscriptions dans un centre de prise en charge des auteurs du territoire, sous main "
            "de justice ou volontaires, comptées au mois de l'inscription."
        ),
        Unit.COUNT,
        Total(Enrolment, "enrolled_on", territory=CPCA),
        open_data=True,
    ),
    Indicator(
        "cpca-parcours-acheves",
        Theme.PERPETRATORS,
        _("Parcours CPCA achevés"),
        _(
            "Parcours de prise en charge menés à leur terme dans un CPCA du territoire, comptés "
            "au mois de leur fin (les parcours interrompus ne sont pas comptés)."
        ),
        Unit.COUNT,
        Total(Enrolment, "ended_on", territory=CPCA, where=Q(status=EnrolmentStatus.COMPLETED)),
        open_data=True,
    ),
)

BY_SLUG = {indicator.slug: indicator for indicator in INDICATORS}
OPEN_DATA = tuple(indicator for indicator in INDICATORS if indicator.open_data)
