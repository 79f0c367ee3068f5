"""Perpetrator programmes: the operations of an order to attend a CPCA, the enrolment, its
modules and sessions, attendance, and the reports owed to the ordering authority.

Every operation takes an `Actor`, checks perms.py, applies rules.py, writes in a transaction and
records the audit entry; a rule's refusal is a `RuleError` whose message is for the user and
names nothing of the victim. Pages, the API and the criminal domain call these functions.
"""

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egide.accounts.actor import Actor
from egide.accounts.models import Agency
from egide.accounts.roles import AgencyKind
from egide.audit.choices import Action
from egide.audit.services import record
from egide.cases import services as case_services
from egide.cases.choices import PersonRole
from egide.errors import RuleError, require
from egide.helpline.perms import visible_cpca_handovers
from egide.justice.rules import start_of_day

from . import perms, rules
from .choices import (
    BASES_BY_ROLE,
    OPTIONAL_MODULES,
    Attendance,
    EnrolmentOrigin,
    EnrolmentStatus,
    ModuleKind,
    ReportKind,
)
from .models import Enrolment, PlannedModule, ProgrammeOrder, ProgrammeReport, Session


def cpcas_for(case):
    """The CPCA that receive an order about `case`: those of its département."""
    return Agency.objects.filter(
        kind=AgencyKind.CPCA, departement=case.departement, is_active=True
    ).order_by("name")


def _not_in_future(day: date, message: str) -> None:
    if day > timezone.localdate():
        raise RuleError(message)


@transaction.atomic
def order_programme(
    actor: Actor,
    *,
    person,
    case,
    cpca,
    ordering_agency,
    basis,
    ordered_on: date,
    obligation=None,
) -> ProgrammeOrder:
    """Addresses an order to attend a programme to the CPCA of the case's département, by the
    procureur, judge or SPIP acting in `ordering_agency`. `obligation` is the criminal
    obligation it carries out, if any (its primary key is kept as a reference)."""
    membership = actor.membership
    require(membership is not None and membership.agency_id == ordering_agency.pk)
    require(perms.may_order(membership, case))
    if person.case_id != case.pk or person.role != PersonRole.PERPETRATOR:
        raise RuleError(_("Choisissez l'auteur désigné dans ce dossier."))
    # An order typed here must fit the user's office; one carrying out a recorded criminal
    # obligation takes its basis from that decision, whoever of the court recorded it.
    if obligation is None and basis not in BASES_BY_ROLE[membership.role]:
        raise RuleError(_("Ce fondement ne relève pas de votre qualité."))
    if not cpcas_for(case).filter(pk=cpca.pk).exists():
        raise RuleError(_("Choisissez le CPCA du département du dossier."))
    _not_in_future(ordered_on, _("La date de la décision ne peut pas être dans le futur."))
    reference = str(obligation.pk) if obligation is not None else ""
    if reference and ProgrammeOrder.objects.filter(obligation_reference=reference).exists():
        raise RuleError(_("Un programme a déjà été ordonné pour cette obligation."))
    order = ProgrammeOrder.objects.create(
        person=person,
        case=case,
        cpca=cpca,
        ordering_agency=ordering_agency,
        ordering_role=membership.role,
        ordered_by=actor.user,
        basis=basis,
        ordered_on=ordered_on,
        obligation_reference=reference,
    )
    record(actor, Action.CREATE, order, fields=["person", "cpca", "basis", "ordered_on"])
    summary = _("Programme auteur ordonné auprès du %(cpca)s") % {"cpca": cpca.name}
    case_services.add_timeline_entry(case, "programme_ordered", summary, actor=actor)
    return order


def _enrol(actor: Actor, **fields) -> Enrolment:
    message = _("La date d'inscription ne peut pas être dans le futur.")
    _not_in_future(fields["enrolled_on"], message)
    enrolment = Enrolment.objects.create(
        cpca=actor.membership.agency, enrolled_by=actor.user, **fields
    )
    PlannedModule.objects.create(enrolment=enrolment, kind=ModuleKind.CORE)
    record(actor, Action.CREATE, enrolment, fields=["first_name", "last_name", "phone"])
    return enrolment


@transaction.atomic
def enrol_ordered(actor: Actor, order: ProgrammeOrder, *, enrolled_on: date, phone="") -> Enrolment:
    """Enrols the person an order names, with the identity the order carries."""
    require(perms.cpca_orders(actor.membership).filter(pk=order.pk).exists())
    ProgrammeOrder.objects.select_for_update().get(pk=order.pk)  # one enrolment per order
    if Enrolment.objects.filter(order=order).exists():
        raise RuleError(_("Cette personne est déjà inscrite au titre de cette orientation."))
    if enrolled_on < order.ordered_on:
        raise RuleError(_("L'inscription ne peut pas précéder la décision qui l'ordonne."))
    person = order.person
    return _enrol(
        actor,
        origin=EnrolmentOrigin.ORDERED,
        order=order,
        last_name=person.last_name,
        first_name=person.first_name,
        birth_date=person.birth_date,
        phone=phone,
        enrolled_on=enrolled_on,
    )


@transaction.atomic
def enrol_volunteer(
    actor: Actor,
    *,
    first_name: str,
    enrolled_on: date,
    last_name="",
    birth_date=None,
    phone="",
    handover=None,
) -> Enrolment:
    """Enrols a man who comes of his own accord: through a "Ne frappez pas" hand-over addressed
    to this CPCA (linked), or on his own; only with the identity he gives."""
    membership = actor.membership
    require(perms.is_cpca(membership))
    if not first_name.strip():
        raise RuleError(_("Indiquez au moins le prénom qu'il donne."))
    if handover is not None:
        require(visible_cpca_handovers(membership).filter(pk=handover.pk).exists())
        if Enrolment.objects.filter(handover=handover).exists():
            raise RuleError(_("Cette mise en relation a déjà donné lieu à une inscription."))
    return _enrol(
        actor,
        origin=EnrolmentOrigin.HELPLINE if handover else EnrolmentOrigin.SELF_REFERRAL,
        handover=handover,
        last_name=last_name.strip(),
        first_name=first_name.strip(),
        birth_date=birth_date,
        phone=phone.strip(),
        enrolled_on=enrolled_on,
    )


def _active(actor: Actor, enrolment: Enrolment) -> Enrolment:
    require(perms.visible_enrolments(actor.membership).filter(pk=enrolment.pk).exists())
    locked = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if locked.status != EnrolmentStatus.ACTIVE:
        raise RuleError(_("Ce parcours est terminé."))
    return locked


@transaction.atomic
def plan_modules(actor: Actor, enrolment: Enrolment, optional: list[str]) -> Enrolment:
    """Sets the optional modules besides the core one; a module with sessions stays."""
    _active(actor, enrolment)
    wanted = {kind for kind in optional if kind in OPTIONAL_MODULES}
    dropped = enrolment.modules.filter(kind__in=OPTIONAL_MODULES).exclude(kind__in=wanted)
    if dropped.filter(sessions__isnull=False).exists():
        raise RuleError(_("Un module qui a déjà des séances ne peut pas être retiré."))
    dropped.delete()
    for kind in wanted:
        PlannedModule.objects.get_or_create(enrolment=enrolment, kind=kind)
    record(actor, Action.UPDATE, enrolment, fields=["modules"])
    return enrolment


@transaction.atomic
def plan_session(
    actor: Actor, enrolment: Enrolment, *, module: str, kind: str, starts_at: datetime
) -> Session:
    locked = _active(actor, enrolment)
    planned = locked.modules.filter(kind=module).first()
    if planned is None:
        raise RuleError(_("Prévoyez d'abord ce module dans le parcours."))
    if timezone.localdate(starts_at) < locked.enrolled_on:
        raise RuleError(_("Une séance ne peut pas précéder l'inscription."))
    session = Session.objects.create(module=planned, kind=kind, starts_at=starts_at)
    record(actor, Action.CREATE, session, fields=["kind", "starts_at"])
    return session


def _owe_report(enrolment: Enrolment, kind: str, event_at: datetime, session=None) -> None:
    """A report is owed only to an ordering authority: a volunteer's programme is his own."""
    if enrolment.order_id is None:
        return
    ProgrammeReport.objects.create(
        enrolment=enrolment,
        kind=kind,
        session=session,
        event_at=event_at,
        due_by=rules.report_due(kind, event_at),
    )


@transaction.atomic
def record_attendance(actor: Actor, session: Session, attendance: str) -> Session:
    """Records once whether he came; an unexcused absence owes the ordering authority a report."""
    require(perms.visible_sessions(actor.membership).filter(pk=session.pk).exists())
    if attendance not in Attendance.values:
        raise RuleError(_("Choisissez une présence."))
    if session.starts_at > timezone.now():
        raise RuleError(_("La présence se note une fois la séance commencée."))
    updated = Session.objects.filter(pk=session.pk, attendance="").update(
        attendance=attendance, attendance_recorded_at=timezone.now()
    )
    if not updated:
        raise RuleError(_("La présence à cette séance est déjà notée."))
    session.refresh_from_db()
    if attendance == Attendance.UNEXCUSED:
        enrolment = session.module.enrolment
        _owe_report(enrolment, ReportKind.UNEXCUSED_ABSENCE, session.starts_at, session)
    record(actor, Action.UPDATE, session, fields=["attendance"])
    return session


@transaction.atomic
def end_enrolment(actor: Actor, enrolment: Enrolment, *, status: str, ended_on: date) -> Enrolment:
    """Ends the programme, achieved or interrupted; sessions planned after the end are cancelled.
    The ordering authority is owed a report of the end."""
    locked = _active(actor, enrolment)
    if status not in (EnrolmentStatus.COMPLETED, EnrolmentStatus.INTERRUPTED):
        raise RuleError(_("Choisissez l'issue du parcours."))
    _not_in_future(ended_on, _("La date de fin ne peut pas être dans le futur."))
    if ended_on < locked.enrolled_on:
        raise RuleError(_("La fin du parcours ne peut pas précéder l'inscription."))
    sessions = Session.objects.filter(module__enrolment=locked)
    if sessions.filter(attendance="", starts_at__lte=timezone.now()).exists():
        raise RuleError(_("Notez d'abord la présence aux séances passées."))
    sessions.filter(attendance="").delete()
    locked.status, locked.ended_on = status, ended_on
    locked.save(update_fields=["status", "ended_on"])
    kind = ReportKind.COMPLETION if status == EnrolmentStatus.COMPLETED else ReportKind.INTERRUPTION
    # Its delay runs from the day the programme ended, even when recorded later.
    _owe_report(locked, kind, start_of_day(ended_on))
    record(actor, Action.UPDATE, locked, fields=["status", "ended_on"])
    return locked


@transaction.atomic
def send_report(actor: Actor, report: ProgrammeReport, *, note: str = "") -> ProgrammeReport:
    """Sends the report to the ordering authority, with the CPCA's observations."""
    require(perms.cpca_reports(actor.membership).filter(pk=report.pk).exists())
    # Only the report is locked: PostgreSQL cannot lock the nullable side of the join (a
    # volunteer's enrolment has no order).
    locked = ProgrammeReport.objects.select_for_update(of=("self",))
    locked = locked.select_related("enrolment__order").get(pk=report.pk)
    if locked.sent_at is not None:
        raise RuleError(_("Ce rapport a déjà été transmis."))
    locked.sent_at, locked.sent_by, locked.note = timezone.now(), actor.user, note.strip()
    locked.save(update_fields=["sent_at", "sent_by", "note"])
    record(actor, Action.UPDATE, locked, fields=["sent_at", "note"])
    summary = _("Rapport du CPCA transmis : %(kind)s") % {"kind": locked.get_kind_display()}
    case = locked.enrolment.order.case
    case_services.add_timeline_entry(case, "programme_report", summary, actor=actor)
    return locked


@transaction.atomic
def acknowledge_report(actor: Actor, report: ProgrammeReport) -> ProgrammeReport:
    require(perms.reports_received(actor.membership).filter(pk=report.pk).exists())
    ProgrammeReport.objects.filter(pk=report.pk, acknowledged_at__isnull=True).update(
        acknowledged_at=timezone.now(), acknowledged_by=actor.user
    )
    report.refresh_from_db()
    record(actor, Action.UPDATE, report, fields=["acknowledged_at"])
    return report
