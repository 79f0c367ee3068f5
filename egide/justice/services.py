"""The operations on protection orders, hearings and breach reports. Views and the API call these.

Each operation checks the permission itself (perms.py), applies the legal rules (rules.py),
writes the case timeline (summaries without personal data) and the audit log.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egide.accounts.actor import Actor
from egide.accounts.models import User
from egide.accounts.roles import Role
from egide.assessment.choices import Trigger
from egide.assessment.services import force_reassessment
from egide.audit.choices import Action
from egide.audit.services import record
from egide.cases.choices import AddressHiddenBasis
from egide.cases.services import add_timeline_entry, set_address_masking
from egide.errors import RuleError, require

from . import perms, rules
from .choices import (
    HIDDEN_ADDRESS_KINDS,
    OPPI_MEASURE_KINDS,
    BreachOutcome,
    ChildMeasureBasis,
    Decision,
    HearingKind,
    MeasureKind,
    NotificationMethod,
    NotificationRecipient,
    OrderStatus,
    ParentalAuthorityRuling,
    ParquetRequestKind,
    RequestedBy,
    VisitingRightsRuling,
)
from .models import (
    BreachReport,
    ChildMeasure,
    FamilyProceeding,
    Hearing,
    ImmediateProtectionOrder,
    Measure,
    Notification,
    ParquetRequest,
    ProtectionOrder,
)

RESTRICTIVE_CHILD_RULINGS = {
    ParentalAuthorityRuling.SUSPENDED,
    ParentalAuthorityRuling.WITHDRAWN,
    VisitingRightsRuling.SUSPENDED,
    VisitingRightsRuling.WITHDRAWN,
}


@dataclass
class MeasureData:
    """One measure as the judge orders it (forms and the API build these)."""

    kind: str
    persons: str = ""
    details: str = ""
    place_label: str = ""
    is_victim_home: bool = False
    latitude: float | None = None
    longitude: float | None = None
    parental_authority: str = ""
    visiting_rights: str = ""
    election_of_domicile: str = ""

    def check(self, allowed_kinds) -> list:
        errors = []
        if self.kind not in allowed_kinds:
            errors.append(_("Cette mesure ne peut pas être ordonnée par cette décision."))
        if self.kind == MeasureKind.CONTACT_BAN and not self.persons.strip():
            errors.append(_("Désignez les personnes avec qui tout contact est interdit."))
        if self.kind == MeasureKind.PLACE_BAN and (
            not self.place_label.strip() or self.latitude is None or self.longitude is None
        ):
            errors.append(_("Un lieu interdit doit avoir un nom et une position (lat., long.)."))
        if self.kind in HIDDEN_ADDRESS_KINDS and not self.election_of_domicile.strip():
            errors.append(_("L'adresse masquée suppose une élection de domicile."))
        if self.kind == MeasureKind.PARENTAL_AUTHORITY and not (
            self.parental_authority and self.visiting_rights
        ):
            errors.append(_("Précisez l'autorité parentale et les droits de visite."))
        return errors


def _timeline(actor: Actor, case, kind: str, summary: str, source=None) -> None:
    add_timeline_entry(case, kind, summary, source=source, actor=actor)


def judges_of(court):
    """The JAF sitting in `court`: the only judges a hearing of that court may be set before."""
    return User.objects.filter(
        memberships__agency=court, memberships__role=Role.JUDGE, memberships__is_active=True
    ).distinct()


def _judge_elsewhere() -> RuleError:
    return RuleError(_("Ce juge ne siège pas dans ce tribunal."))


def court_judge(court, judge_id: int | None):
    """The judge the API names by id, who must sit in `court`; None when none is named."""
    if judge_id is None:
        return None
    judge = judges_of(court).filter(pk=judge_id).first()
    if judge is None:
        raise _judge_elsewhere()
    return judge


def check_hearing_slot(court, hearing_at: datetime, judge) -> None:
    """Every hearing, alone or with the couple's others: not in the past, before a judge of ours."""
    if hearing_at < timezone.now():
        raise RuleError(_("L'audience ne peut pas être fixée dans le passé."))
    if judge is not None and not judges_of(court).filter(pk=judge.pk).exists():
        raise _judge_elsewhere()


@transaction.atomic
def request_order(
    actor: Actor, case, *, requested_by: str, victim_consent: bool
) -> ProtectionOrder:
    """A request for an OP (515-9): by her, her lawyer, or the procureur with her consent."""
    require(perms.can_request_order(actor.membership, case))
    if requested_by == RequestedBy.PROSECUTOR and not victim_consent:
        raise RuleError(_("Le procureur ne peut demander une OP qu'avec l'accord de la victime."))
    order = ProtectionOrder.objects.create(
        case=case,
        court=case.court,
        requested_by=requested_by,
        victim_consent=victim_consent,
        recorded_by=actor.user,
    )
    _timeline(actor, case, "op_requested", _("Ordonnance de protection demandée"), order)
    record(actor, Action.CREATE, order, fields=["requested_by", "victim_consent"])
    return order


@transaction.atomic
def request_immediate_order(actor: Actor, order: ProtectionOrder, *, victim_consent: bool):
    """An OPPI (515-13-1): by the procureur, with her consent, while the OP request is pending."""
    require(perms.can_request_immediate_order(actor.membership, order.case))
    if not order.is_pending:
        raise RuleError(_("Une OPPI suppose une demande d'OP en cours d'examen."))
    if not victim_consent:
        raise RuleError(_("Une OPPI suppose l'accord de la personne en danger."))
    if order.immediate_orders.filter(status__in=(OrderStatus.REQUESTED,)).exists():
        raise RuleError(_("Une OPPI est déjà en attente de décision pour cette demande."))
    now = timezone.now()
    oppi = ImmediateProtectionOrder.objects.create(
        case=order.case,
        court=order.court,
        protection_order=order,
        victim_consent=True,
        requested_at=now,
        recorded_by=actor.user,
        decision_due_at=rules.oppi_decision_due(now),
    )
    _timeline(actor, order.case, "oppi_requested", _("OPPI demandée par le procureur"), oppi)
    record(actor, Action.CREATE, oppi, fields=["victim_consent"])
    return oppi


@transaction.atomic
def set_hearing(actor: Actor, order: ProtectionOrder, *, hearing_at: datetime, judge=None, room=""):
    """Fixing the hearing date starts the 6-day delay of 515-11 (rules.op_decision_due)."""
    require(perms.can_set_hearing(actor.membership, order.case))
    if not order.is_pending:
        raise RuleError(_("Cette demande n'est plus en attente d'audience."))
    check_hearing_slot(order.court, hearing_at, judge)
    now = timezone.now()
    due = order.decision_due_at if order.hearing_set_at else rules.op_decision_due(now)
    if hearing_at > due:
        raise RuleError(
            _("L'audience doit se tenir avant l'échéance légale de la décision (%(due)s).")
            % {"due": f"{timezone.localtime(due):%d/%m/%Y %H:%M}"}
        )
    order.hearing_set_at = order.hearing_set_at or now
    order.decision_due_at, order.hearing_at = due, hearing_at
    order.status = OrderStatus.HEARING_SET
    order.save(update_fields=["hearing_set_at", "decision_due_at", "hearing_at", "status"])
    hearing, _created = Hearing.objects.update_or_create(
        protection_order=order,
        defaults={
            "case": order.case,
            "court": order.court,
            "kind": HearingKind.PROTECTION_ORDER,
            "at": hearing_at,
            "judge": judge,
            "room": room,
        },
    )
    _timeline(actor, order.case, "op_hearing", _("Audience OP fixée"), order)
    record(actor, Action.UPDATE, order, fields=["hearing_at", "decision_due_at"])
    return hearing


@transaction.atomic
def schedule_hearing(actor: Actor, case, *, kind: str, hearing_at: datetime, judge=None, room=""):
    """The greffe schedules another proceeding of the couple (often with the OP's judge and day)."""
    require(perms.can_set_hearing(actor.membership, case))
    if kind == HearingKind.PROTECTION_ORDER:
        raise RuleError(_("L'audience d'une OP se fixe depuis la demande d'ordonnance."))
    check_hearing_slot(case.court, hearing_at, judge)
    hearing = Hearing.objects.create(
        case=case, court=case.court, kind=kind, at=hearing_at, judge=judge, room=room
    )
    _timeline(actor, case, "hearing", _("Audience fixée"), hearing)
    record(actor, Action.CREATE, hearing, fields=["kind", "at", "judge"])
    return hearing


@transaction.atomic
def schedule_linked_hearings(actor: Actor, proceedings, *, hearing_at: datetime, judge, room=""):
    """The greffe sets the couple's proceedings (linking.py) before one judge on one day.

    All or nothing: one refusal (a judge from elsewhere, an OP's 6-day limit) changes none.
    """
    if not proceedings:
        raise RuleError(_("Choisissez au moins une procédure à audiencer."))
    for proceeding in proceedings:
        require(perms.can_set_hearing(actor.membership, proceeding.case))
    if judge is None:
        raise RuleError(_("Les audiences liées se tiennent devant un même juge : choisissez-le."))
    slot = {"hearing_at": hearing_at, "judge": judge, "room": room}
    for proceeding in proceedings:
        subject = proceeding.subject
        if isinstance(subject, ProtectionOrder):
            set_hearing(actor, subject, **slot)
        else:
            _move_hearing(actor, subject, **slot)


def _move_hearing(actor: Actor, subject, *, hearing_at: datetime, judge, room: str) -> Hearing:
    """(Re)sets the hearing of a family proceeding, or moves a criminal or family hearing."""
    check_hearing_slot(subject.case.court, hearing_at, judge)
    slot = {"at": hearing_at, "judge": judge, "room": room}
    if isinstance(subject, Hearing):
        # Updated in the database only: the caller's list still shows the state before.
        Hearing.objects.filter(pk=subject.pk).update(**slot)
        hearing = Hearing.objects.get(pk=subject.pk)
    else:
        hearing, _created = Hearing.objects.update_or_create(
            family_proceeding=subject,
            defaults={
                "case": subject.case,
                "court": subject.case.court,
                "kind": HearingKind.FAMILY,
                **slot,
            },
        )
    _timeline(
        actor, subject.case, "hearing", _("Audience fixée avec les procédures liées"), hearing
    )
    record(actor, Action.UPDATE, hearing, fields=["at", "judge"])
    return hearing


def _check_measures(measures: list[MeasureData], allowed_kinds) -> None:
    errors = [error for measure in measures for error in measure.check(allowed_kinds)]
    if errors:
        raise RuleError(errors)


def _store_measures(actor: Actor, case, measures: list[MeasureData], **owner) -> list[Measure]:
    stored = []
    for data in measures:
        values = {name: getattr(data, name) for name in MEASURE_FIELDS}
        measure = Measure.objects.create(**owner, **values)
        _apply_side_effects(actor, case, measure)
        stored.append(measure)
    return stored


MEASURE_FIELDS = (
    "kind",
    "persons",
    "details",
    "place_label",
    "is_victim_home",
    "latitude",
    "longitude",
    "parental_authority",
    "visiting_rights",
    "election_of_domicile",
)


def _apply_side_effects(actor: Actor, case, measure: Measure) -> None:
    """A hidden address masks the case's address; a restriction on children shows on the case."""
    if measure.kind in HIDDEN_ADDRESS_KINDS:
        basis = (
            AddressHiddenBasis.OP_6
            if measure.kind == MeasureKind.HIDDEN_ADDRESS
            else AddressHiddenBasis.OP_6_BIS
        )
        set_address_masking(
            actor, case, hidden=True, basis=basis, election=measure.election_of_domicile
        )
    rulings = {measure.parental_authority, measure.visiting_rights}
    if measure.kind == MeasureKind.PARENTAL_AUTHORITY and rulings & RESTRICTIVE_CHILD_RULINGS:
        ChildMeasure.objects.create(
            case=case,
            basis=ChildMeasureBasis.ORDER,
            parental_authority=measure.parental_authority,
            visiting_rights=measure.visiting_rights,
            measure=measure,
            recorded_by=actor.user,
        )


def check_hearing_held(order: ProtectionOrder) -> None:
    """The JAF rules on an OP after hearing the parties (C. civ. 515-10): not before the hearing.

    The OPPI (515-13-1) is decided without hearing and does not go through this check.
    """
    if order.hearing_at is None:
        raise RuleError(
            _("Aucune audience n'est fixée : le juge statue après avoir entendu les parties.")
        )
    if order.hearing_at > timezone.now():
        raise RuleError(
            _(
                "L'audience du %(date)s n'a pas encore eu lieu : le juge statue après avoir "
                "entendu les parties (art. 515-10)."
            )
            % {"date": f"{timezone.localtime(order.hearing_at):%d/%m/%Y %H:%M}"}
        )


def _decide(
    actor: Actor, order, decision: str, measures: list[MeasureData], allowed_kinds, reasons
):
    require(perms.can_decide(actor.membership, order.case))
    if not order.is_pending:
        raise RuleError(_("Cette demande a déjà été jugée."))
    if isinstance(order, ProtectionOrder):
        check_hearing_held(order)
    if decision == Decision.GRANTED and not measures:
        raise RuleError(_("Une ordonnance délivrée comporte au moins une mesure."))
    if decision == Decision.GRANTED:
        _check_measures(measures, allowed_kinds)
    order.status = OrderStatus.GRANTED if decision == Decision.GRANTED else OrderStatus.REJECTED
    order.decided_at, order.judge, order.reasons = timezone.now(), actor.user, reasons.strip()
    order.save(update_fields=["status", "decided_at", "judge", "reasons"])
    force_reassessment(order.case, Trigger.COURT_DECISION)


@transaction.atomic
def decide_order(actor: Actor, order: ProtectionOrder, *, decision: str, measures=(), reasons=""):
    """The JAF's decision on an OP, after its hearing; it ends a provisional OPPI (515-13-1)."""
    measures = list(measures)
    _decide(actor, order, decision, measures, set(MeasureKind.values), reasons)
    if decision == Decision.GRANTED:
        _store_measures(actor, order.case, measures, protection_order=order)
    now = timezone.now()
    for oppi in order.immediate_orders.exclude(
        status__in=(OrderStatus.LIFTED, OrderStatus.EXPIRED)
    ):
        oppi.status, oppi.ended_at = OrderStatus.EXPIRED, now
        oppi.save(update_fields=["status", "ended_at"])
    _timeline(actor, order.case, "op_decided", _("Décision sur l'ordonnance de protection"), order)
    record(actor, Action.UPDATE, order, fields=["status", "measures", "reasons"])
    return order


@transaction.atomic
def decide_immediate_order(
    actor: Actor, oppi: ImmediateProtectionOrder, *, decision: str, measures=(), reasons=""
):
    measures = list(measures)
    _decide(actor, oppi, decision, measures, set(OPPI_MEASURE_KINDS), reasons)
    if decision == Decision.GRANTED:
        _store_measures(actor, oppi.case, measures, immediate_order=oppi)
    _timeline(actor, oppi.case, "oppi_decided", _("Décision sur l'OPPI"), oppi)
    record(actor, Action.UPDATE, oppi, fields=["status", "measures", "reasons"])
    return oppi


def _proceedings(case):
    return case.family_proceedings.values_list("kind", "filed_on", "decided_on")


def compute_end(order: ProtectionOrder):
    return rules.op_end(order.notified_at, order.decided_at.date(), _proceedings(order.case))


@transaction.atomic
def notify_order(
    actor: Actor, order, *, recipient: str, method: str, notified_at: datetime | None = None
) -> Notification:
    """Records one notification (to whom, how, when). The one to the defendant puts the measures
    in force and, for an OP, starts its 12 months (C. civ. 515-12); the applicant's is recorded."""
    require(perms.can_notify(actor.membership, order.case))
    notified_at = notified_at or timezone.now()
    if notified_at > timezone.now():
        raise RuleError(_("La notification ne peut pas être datée dans le futur."))
    if recipient not in NotificationRecipient.values or method not in NotificationMethod.values:
        raise RuleError(_("Indiquez le destinataire et le mode de notification."))
    to_defendant = recipient == NotificationRecipient.DEFENDANT
    if not order.is_active:
        raise RuleError(_("Seule une ordonnance délivrée peut être notifiée."))
    if to_defendant and order.status != OrderStatus.GRANTED:
        raise RuleError(_("L'ordonnance a déjà été notifiée à l'auteur."))
    # Forms give the minute: a notification in the minute of the decision is not before it.
    if order.decided_at and notified_at < order.decided_at.replace(second=0, microsecond=0):
        raise RuleError(_("Une ordonnance ne peut être notifiée avant d'être rendue."))
    owner = "protection_order" if isinstance(order, ProtectionOrder) else "immediate_order"
    notification = Notification.objects.create(
        **{owner: order},
        recipient=recipient,
        method=method,
        notified_at=notified_at,
        recorded_by=actor.user,
    )
    if to_defendant:
        _put_in_force(actor, order, notified_at)
    record(actor, Action.CREATE, notification, fields=["recipient", "method", "notified_at"])
    return notification


def _put_in_force(actor: Actor, order, notified_at: datetime) -> None:
    order.notified_at, order.status = notified_at, OrderStatus.IN_FORCE
    fields = ["notified_at", "status"]
    if isinstance(order, ProtectionOrder):
        order.ends_at = compute_end(order)
        fields.append("ends_at")
    order.save(update_fields=fields)
    _timeline(actor, order.case, "order_notified", _("Ordonnance notifiée"), order)
    record(actor, Action.UPDATE, order, fields=fields)


@transaction.atomic
def record_family_proceeding(actor: Actor, case, *, kind: str, filed_on: date, decided_on=None):
    """A divorce or parental-authority proceeding: in-force OPs of the couple are extended."""
    require(perms.can_record_proceeding(actor.membership, case))
    if decided_on is not None and decided_on < filed_on:
        raise RuleError(_("Une procédure ne peut être jugée avant d'être introduite."))
    proceeding = FamilyProceeding.objects.create(
        case=case, kind=kind, filed_on=filed_on, decided_on=decided_on
    )
    refresh_order_ends(case)
    _timeline(actor, case, "family_proceeding", _("Procédure familiale enregistrée"), proceeding)
    record(actor, Action.CREATE, proceeding, fields=["kind", "filed_on", "decided_on"])
    return proceeding


def refresh_order_ends(case) -> None:
    for order in case.protection_orders.filter(status=OrderStatus.IN_FORCE):
        order.ends_at = compute_end(order)
        order.save(update_fields=["ends_at"])


@transaction.atomic
def lift_order(actor: Actor, order: ProtectionOrder, *, reason: str) -> ProtectionOrder:
    """The JAF lifts an order (515-12): its measures end now."""
    require(perms.can_decide(actor.membership, order.case))
    if not order.is_active:
        raise RuleError(_("Seule une ordonnance en vigueur peut être levée."))
    if not reason.strip():
        raise RuleError(_("Indiquez le motif de la levée."))
    order.status, order.ended_at, order.end_reason = OrderStatus.LIFTED, timezone.now(), reason
    order.save(update_fields=["status", "ended_at", "end_reason"])
    _timeline(actor, order.case, "op_lifted", _("Ordonnance de protection levée"), order)
    record(actor, Action.UPDATE, order, fields=["status", "end_reason"])
    return order


@transaction.atomic
def modify_order(actor: Actor, order: ProtectionOrder, *, measures) -> ProtectionOrder:
    """The JAF modifies an order in force: the new measures replace the previous ones."""
    require(perms.can_decide(actor.membership, order.case))
    measures = list(measures)
    if not order.is_active or not measures:
        raise RuleError(_("Seule une ordonnance en vigueur peut être modifiée."))
    _check_measures(measures, set(MeasureKind.values))
    order.measures.all().delete()
    _store_measures(actor, order.case, measures, protection_order=order)
    _timeline(actor, order.case, "op_modified", _("Ordonnance de protection modifiée"), order)
    record(actor, Action.UPDATE, order, fields=["measures"])
    return order


def expire_orders(now: datetime | None = None) -> int:
    """Marks in-force OPs past their end as expired; an extended OP (no end) stays."""
    now = now or timezone.now()
    return ProtectionOrder.objects.filter(status=OrderStatus.IN_FORCE, ends_at__lt=now).update(
        status=OrderStatus.EXPIRED, ended_at=now
    )


@transaction.atomic
def record_automatic_suspension(actor: Actor, case, *, prosecuted_on: date) -> ChildMeasure:
    """C. civ. 378-2: a parent prosecuted for a crime against the other parent is suspended."""
    require(perms.can_record_automatic_suspension(actor.membership, case))
    measure = ChildMeasure.objects.create(
        case=case,
        basis=ChildMeasureBasis.AUTOMATIC_SUSPENSION,
        parental_authority=ParentalAuthorityRuling.SUSPENDED,
        visiting_rights=VisitingRightsRuling.SUSPENDED,
        starts_at=rules.start_of_day(prosecuted_on),
        ends_at=rules.automatic_suspension_end(prosecuted_on),
        recorded_by=actor.user,
    )
    summary = _("Autorité parentale et droits de visite suspendus de plein droit")
    _timeline(actor, case, "child_measure", summary, measure)
    record(actor, Action.CREATE, measure, fields=["basis", "ends_at"])
    return measure


def report_breach(
    target,
    kind: str,
    occurred_at: datetime,
    description: str,
    evidence: str = "",
    source: str = "",
    *,
    actor: Actor | None = None,
) -> BreachReport:
    """A breach lands in the competent procureur's inbox at once and forces a re-assessment.

    `target` is a case, or a pairing (the live monitoring pipeline passes the pairing, with no
    actor: the system reports it).
    """
    actor = actor or Actor.system()
    case = getattr(target, "case", target)
    if case.court_id is None:
        raise RuleError(_("Ce dossier n'est rattaché à aucun tribunal."))
    device_reference = "" if target is case else f"pairing:{target.pk}"
    with transaction.atomic():
        now = timezone.now()
        breach = BreachReport.objects.create(
            case=case,
            court_id=case.court_id,
            kind=kind,
            source=source,
            occurred_at=occurred_at,
            description=description,
            evidence=evidence,
            device_reference=device_reference,
            reported_at=now,
            reported_by=actor.user,
            acknowledgement_due_at=now + rules.breach_acknowledgement_delay(),
        )
        summary = _("Violation signalée : %(kind)s") % {"kind": breach.get_kind_display()}
        _timeline(actor, case, "breach", summary, breach)
        record(actor, Action.CREATE, breach, fields=["kind", "description", "evidence"])
        force_reassessment(case, Trigger.ORDER_BREACH)
    return breach


@transaction.atomic
def acknowledge_breach(actor: Actor, breach: BreachReport, *, outcome: str, details: str = ""):
    """The procureur takes a breach into account by recording the decision taken on it."""
    require(perms.can_acknowledge(actor.membership, breach))
    if outcome not in BreachOutcome.values:
        raise RuleError(_("Choisissez la décision prise sur cette violation."))
    if take_into_account(actor, breach, outcome=outcome, outcome_details=details.strip()):
        summary = _("Violation prise en compte : %(outcome)s") % {
            "outcome": breach.get_outcome_display()
        }
        _timeline(actor, breach.case, "breach_ack", summary, breach)
        record(actor, Action.UPDATE, breach, fields=["acknowledged_at", "outcome", "details"])
    return breach


def take_into_account(actor: Actor, item, **decision) -> bool:
    """Acknowledges an inbox item (breach, 226-14 report) once: compare-and-set, so two
    procureurs acting together record one decision. Returns whether this call recorded it."""
    updated = (
        type(item)
        .objects.filter(pk=item.pk, acknowledged_at__isnull=True)
        .update(acknowledged_at=timezone.now(), acknowledged_by=actor.user, **decision)
    )
    item.refresh_from_db()
    return bool(updated)


def escalate_overdue(model, now: datetime | None = None) -> int:
    """Flags every inbox item not acknowledged in time; compare-and-set, safe with several
    workers."""
    now = now or timezone.now()
    return model.objects.filter(
        acknowledged_at__isnull=True, escalated_at__isnull=True, acknowledgement_due_at__lt=now
    ).update(escalated_at=now)


def escalate_overdue_breaches(now: datetime | None = None) -> int:
    return escalate_overdue(BreachReport, now)


@transaction.atomic
def request_to_parquet(actor: Actor, case, *, kinds, reasons: str) -> list[ParquetRequest]:
    """The officer asks the parquet for measures the assessment says must be proposed; the
    case's latest assessment goes with the request to the procureur's board."""
    require(perms.can_request_parquet(actor.membership, case))
    kinds = [kind for kind in kinds if kind in ParquetRequestKind.values]
    if not kinds:
        raise RuleError(_("Choisissez au moins une mesure à demander au parquet."))
    if not reasons.strip():
        raise RuleError(_("Indiquez les motifs de la demande."))
    assessment = case.assessments.order_by("-created_at", "-id").first()
    created = [
        ParquetRequest.objects.create(
            case=case,
            court_id=case.court_id,
            kind=kind,
            assessment=assessment,
            reasons=reasons.strip(),
            requested_by=actor.user,
            agency=actor.membership.agency,
        )
        for kind in kinds
    ]
    for parquet_request in created:
        summary = _("Demande au parquet : %(kind)s") % {"kind": parquet_request.get_kind_display()}
        _timeline(actor, case, "parquet_request", summary, parquet_request)
        record(actor, Action.CREATE, parquet_request, fields=["kind", "reasons"])
    return created


@transaction.atomic
def answer_parquet_request(actor: Actor, parquet_request: ParquetRequest) -> ParquetRequest:
    """The procureur has dealt with the request (granted, requested or declined elsewhere)."""
    require(perms.can_answer_parquet_request(actor.membership, parquet_request.case))
    ParquetRequest.objects.filter(pk=parquet_request.pk, answered_at__isnull=True).update(
        answered_at=timezone.now(), answered_by=actor.user
    )
    parquet_request.refresh_from_db()
    record(actor, Action.UPDATE, parquet_request, fields=["answered_at"])
    return parquet_request
