"""Reading each domain's records into timeline lines, with the deadlines the records carry.

One reader per domain: `reader(case, until)` → lines. A deadline the records themselves set (a
re-assessment's due date, an order's decision deadline, a breach report's acknowledgement
delay, the monitoring centre's take-in-charge delay) is judged here, on the line it concerns;
the rules that cross records (a high danger left unprotected, a risk factor left unanswered)
are in `missed.py`.
"""

from datetime import datetime

from django.db.models import Count, Min
from django.db.models.functions import TruncDate
from django.utils.translation import gettext_lazy as _

from egide.accounts.models import Agency
from egide.accounts.roles import Role
from egide.assessment.models import Assessment, ReassessmentTask
from egide.audit.choices import Action
from egide.audit.models import AuditEntry
from egide.cases.models import Incident, Referral, TimelineEntry
from egide.criminal.models import Release, Stage
from egide.devices.models import AlarmPhoneAssignment, Pairing
from egide.justice.models import BreachReport, ImmediateProtectionOrder, ProtectionOrder
from egide.justice.rules import start_of_day
from egide.monitoring.models import Incident as MonitoringIncident
from egide.monitoring.publisher import escalation_delay_s
from egide.web.templatetags.egide_tags import duration

from .choices import MissedKind, Source
from .lines import Line, Missed

# The case-file entries that record a change of circumstances no other record dates.
CIRCUMSTANCE_ENTRIES = ("separation", "custody_release")


def late_by(done: datetime, due: datetime) -> str:
    return duration((done - due).total_seconds())


def case_file(case, until):
    yield Line(
        f"case:{case.pk}",
        case.created_at,
        Source.CASE,
        f"case_opened_{case.opened_as}",
        _("Dossier ouvert (%(origin)s)") % {"origin": case.get_opened_as_display()},
        agency=case.opening_agency,
    )
    for incident in Incident.objects.filter(case=case).select_related("recorded_agency"):
        weapon = _(", arme") if incident.weapons_involved else ""
        yield Line(
            f"incident:{incident.pk}",
            incident.recorded_at,
            Source.CASE,
            "incident",
            _("Fait de violence révélé (%(channel)s) : %(forms)s%(weapon)s")
            % {
                "channel": incident.get_disclosure_channel_display(),
                "forms": ", ".join(incident.violence_form_labels()) or "—",
                "weapon": weapon,
            },
            agency=incident.recorded_agency,
        )
    for referral in Referral.objects.filter(case=case).select_related("from_agency", "to_agency"):
        yield Line(
            f"referral:{referral.pk}",
            referral.sent_at,
            Source.CASE,
            "referral",
            _("Orientation vers %(role)s (%(agency)s) : %(status)s")
            % {
                "role": Role(referral.to_role).label,
                "agency": referral.to_agency,
                "status": referral.get_status_display(),
            },
            agency=referral.from_agency,
        )
    entries = TimelineEntry.objects.filter(case=case, kind__in=CIRCUMSTANCE_ENTRIES)
    for entry in entries.select_related("agency"):
        # A timeline summary never holds personal data (cases.models.TimelineEntry).
        yield Line(
            f"entry:{entry.pk}", entry.at, Source.CASE, entry.kind, entry.summary, entry.agency
        )
    if case.closed_at:
        yield Line(
            f"case_closed:{case.pk}",
            case.closed_at,
            Source.CASE,
            f"case_closed_{case.close_reason}",
            _("Dossier clos : %(reason)s") % {"reason": case.get_close_reason_display()},
        )


def assessments(case, until):
    rows = Assessment.objects.filter(case=case).select_related("agency", "override__sign_off")
    for assessment in rows:
        yield Line(
            f"assessment:{assessment.pk}",
            assessment.created_at,
            Source.ASSESSMENT,
            f"assessment_{assessment.final_level}",
            _("Évaluation du danger (%(instrument)s) : niveau %(level)s")
            % {
                "instrument": assessment.instrument_id,
                "level": assessment.get_final_level_display(),
            },
            agency=assessment.agency,
            role=assessment.assessor_role,
        )
    tasks = ReassessmentTask.objects.filter(case=case).select_related("done_by__agency")
    for task in tasks:
        yield reassessment_line(task, until)


def reassessment_line(task, until) -> Line:
    done = task.done_by
    line = Line(
        f"reassessment:{task.pk}",
        task.due_at,
        Source.ASSESSMENT,
        "reassessment_due",
        _("Réévaluation due (%(trigger)s)") % {"trigger": task.get_trigger_display()},
        agency=done.agency if done else None,
    )
    if done is None and task.due_at < until:
        line.missed.append(Missed(MissedKind.REASSESSMENT, _("Réévaluation jamais faite.")))
    elif done is not None and done.created_at > task.due_at:
        line.missed.append(
            Missed(
                MissedKind.REASSESSMENT,
                _("Réévaluation faite avec %(late)s de retard.")
                % {"late": late_by(done.created_at, task.due_at)},
            )
        )
    return line


def deadline_missed(decided_at, due_at, until) -> Missed | None:
    if due_at is None:
        return None
    if decided_at is None and due_at < until:
        return Missed(MissedKind.LEGAL_DEADLINE, _("Aucune décision dans le délai légal."))
    if decided_at is not None and decided_at > due_at:
        return Missed(
            MissedKind.LEGAL_DEADLINE,
            _("Décision rendue avec %(late)s de retard sur le délai légal.")
            % {"late": late_by(decided_at, due_at)},
        )
    return None


def justice(case, until):
    orders = [
        ("order", _("Ordonnance de protection"), ProtectionOrder.objects.filter(case=case)),
        ("oppi", _("OPPI"), ImmediateProtectionOrder.objects.filter(case=case)),
    ]
    for prefix, name, rows in orders:
        for order in rows.select_related("court"):
            yield Line(
                f"{prefix}:{order.pk}",
                order.requested_at,
                Source.JUSTICE,
                f"{prefix}_requested",
                _("%(order)s demandée") % {"order": name},
                agency=order.court,
            )
            line = Line(
                f"{prefix}_decision:{order.pk}",
                order.decided_at or order.decision_due_at or order.requested_at,
                Source.JUSTICE,
                f"{prefix}_{order.status}",
                _("%(order)s : %(status)s") % {"order": name, "status": order.get_status_display()},
                agency=order.court,
                role=Role.JUDGE,
            )
            missed = deadline_missed(order.decided_at, order.decision_due_at, until)
            if missed:
                line.missed.append(missed)
            elif order.decided_at and order.decision_due_at:
                line.label = _("%(decision)s, dans le délai légal") % {"decision": line.label}
            if missed or order.decided_at:
                yield line
    for breach in BreachReport.objects.filter(case=case).select_related("court"):
        yield breach_line(breach, until)


def breach_line(breach, until) -> Line:
    line = Line(
        f"breach:{breach.pk}",
        breach.reported_at,
        Source.JUSTICE,
        f"breach_{breach.kind}",
        _("Violation signalée au parquet (%(kind)s, par %(source)s)")
        % {"kind": breach.get_kind_display(), "source": breach.get_source_display()},
        agency=breach.court,
        role=Role.PROSECUTOR,
    )
    acknowledged, due = breach.acknowledged_at, breach.acknowledgement_due_at
    if (acknowledged is None and due < until) or (acknowledged and acknowledged > due):
        line.missed.append(
            Missed(
                MissedKind.BREACH_UNACKNOWLEDGED,
                _("Prise en compte par le parquet après le délai, ou jamais."),
            )
        )
    return line


def devices(case, until):
    phones = AlarmPhoneAssignment.objects.filter(case=case).select_related("court")
    for phone in phones:
        yield Line(
            f"tgd:{phone.pk}",
            phone.granted_at,
            Source.DEVICES,
            "tgd_granted",
            _("Téléphone grave danger attribué"),
            agency=phone.court,
            role=Role.PROSECUTOR,
        )
    for pairing in Pairing.objects.filter(order__case=case).select_related("order__court"):
        yield Line(
            f"pairing:{pairing.pk}",
            pairing.valid_from,
            Source.DEVICES,
            "bracelet_paired",
            _("Bracelet anti-rapprochement posé (alerte à %(km)s km)")
            % {"km": pairing.order.alert_km},
            agency=pairing.order.court,
        )


def monitoring(case, until):
    threshold = escalation_delay_s()
    incidents = MonitoringIncident.objects.filter(case=case)
    for incident in incidents:
        seconds = incident.acknowledgement_seconds
        label = _("%(kind)s au centre de surveillance : prise en charge en %(delay)s")
        if seconds is None:
            label = _("%(kind)s au centre de surveillance : jamais prise en charge")
        line = Line(
            f"monitoring:{incident.pk}",
            incident.opened_at,
            Source.MONITORING,
            f"monitoring_{incident.kind}",
            label % {"kind": incident.get_kind_display(), "delay": duration(seconds)},
            role=Role.MONITORING_OPERATOR,
        )
        if seconds is None or seconds > threshold:
            line.missed.append(
                Missed(
                    MissedKind.LATE_TAKE_IN_CHARGE,
                    _("Au-delà du délai de prise en charge du centre (%(threshold)s).")
                    % {"threshold": duration(threshold)},
                )
            )
        yield line
        if incident.police_sent_at:
            yield Line(
                f"monitoring_police:{incident.pk}",
                incident.police_sent_at,
                Source.MONITORING,
                "police_sent",
                _("Forces de l'ordre envoyées %(delay)s après l'ouverture de l'alerte")
                % {"delay": late_by(incident.police_sent_at, incident.opened_at)},
                role=Role.MONITORING_OPERATOR,
            )


def criminal(case, until):
    for stage in Stage.objects.filter(case=case).select_related("ordering_agency"):
        yield Line(
            f"stage:{stage.pk}",
            start_of_day(stage.starts_on),
            Source.CRIMINAL,
            f"stage_{stage.kind}",
            stage.get_kind_display(),
            agency=stage.ordering_agency,
            role=stage.ordering_role,
        )
    for release in Release.objects.filter(case=case).select_related("agency"):
        notified = _("victime avisée") if release.victim_notified_at else _("victime non avisée")
        yield Line(
            f"release:{release.pk}",
            start_of_day(release.on),
            Source.CRIMINAL,
            f"release_{release.kind}",
            _("%(kind)s de l'auteur, %(notified)s")
            % {"kind": release.get_kind_display(), "notified": notified},
            agency=release.agency,
            role=Role.PROBATION_OFFICER,
        )


def audit_reads(case, until):
    """Who opened the case file, per day, agency and role: counts, never names."""
    reads = (
        AuditEntry.objects.filter(
            object_type="cases.case",
            object_id=str(case.pk),
            action__in=(Action.READ, Action.BREAK_GLASS),
            at__lte=until,
        )
        .annotate(day=TruncDate("at"))
        .values("day", "agency", "role", "action")
        .annotate(count=Count("id"), first=Min("at"))
        .order_by("first")
    )
    agencies = {agency.pk: agency for agency in agencies_of(reads)}
    for row in reads:
        label = _("Dossier consulté (%(count)s lecture(s))")
        if row["action"] == Action.BREAK_GLASS:
            label = _("Accès d'urgence au dossier (%(count)s)")
        yield Line(
            f"audit:{row['day']:%Y%m%d}:{row['agency']}:{row['role']}:{row['action']}",
            row["first"],
            Source.AUDIT,
            f"audit_{row['action']}",
            label % {"count": row["count"]},
            agency=agencies.get(row["agency"]),
            role=row["role"],
        )


def agencies_of(rows):
    return Agency.objects.filter(pk__in={row["agency"] for row in rows if row["agency"]})


READERS = (case_file, assessments, justice, devices, monitoring, criminal, audit_reads)
