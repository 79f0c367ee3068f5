"""The perpetrator programmes' pages: the CPCA's (its orders, enrolments, sessions, reports) and
the ordering authority's (ordering from a case, reading the reports). Objects come through
perms.py's querysets (not visible: 404); the CPCA's pages read only this app's tables, never the
case file, so nothing of the victim can reach them."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from egide.audit.choices import Action
from egide.audit.services import record, record_reads
from egide.cases.perms import visible_cases
from egide.web.forms import form_page, run_action, run_form

from . import perms, programmes
from .choices import EnrolmentStatus
from .forms import (
    AttendanceForm,
    EndEnrolmentForm,
    EnrolOrderForm,
    ModulesForm,
    OrderProgrammeForm,
    SendReportForm,
    SessionForm,
    VolunteerForm,
)
from .models import PlannedModule, Session

IDENTITY = ["first_name", "last_name", "birth_date"]
UPCOMING = timedelta(days=14)


def _cpca(request):
    if not perms.is_cpca(request.membership):
        raise PermissionDenied


def _authority(request):
    if not perms.is_ordering_authority(request.membership):
        raise PermissionDenied


def programmes_home(request):
    """The CPCA's page: orders to enrol, reports overdue or to send, sessions ahead, people
    followed."""
    _cpca(request)
    membership, now = request.membership, timezone.now()
    waiting = perms.cpca_orders(membership).filter(enrolment__isnull=True)
    waiting = waiting.select_related("person", "ordering_agency")
    enrolments = perms.visible_enrolments(membership).filter(status=EnrolmentStatus.ACTIVE)
    sessions = perms.visible_sessions(membership).filter(
        starts_at__gte=now, starts_at__lte=now + UPCOMING
    )
    reports = perms.cpca_reports(membership).filter(sent_at__isnull=True)
    context = {
        "waiting": record_reads(request.actor, waiting, fields=["person", "basis"]),
        "enrolments": record_reads(request.actor, enrolments, fields=IDENTITY),
        "sessions": sessions.select_related("module__enrolment"),
        "reports": reports.select_related("enrolment__order__ordering_agency"),
        "now": now,
    }
    return render(request, "perpetrators/programmes.html", context)


def enrol_order(request, order_pk):
    _cpca(request)
    order = get_object_or_404(perms.cpca_orders(request.membership), pk=order_pk)
    record(request.actor, Action.READ, order, fields=["person", "basis"])
    form = EnrolOrderForm(request.POST or None)
    done = run_form(
        request,
        form,
        lambda data: programmes.enrol_ordered(request.actor, order, **data),
        _("Inscription enregistrée : le module socle est prévu."),
        "perpetrators:programmes",
    )
    intro = _("%(name)s — %(basis)s, décision du %(on)s (%(authority)s).") % {
        "name": f"{order.person.last_name} {order.person.first_name}",
        "basis": order.get_basis_display(),
        "on": f"{order.ordered_on:%d/%m/%Y}",
        "authority": order.ordering_agency.name,
    }
    title = _("Inscription sur orientation judiciaire")
    return done or form_page(request, form, title, back="perpetrators:programmes", intro=intro)


def enrol_volunteer(request):
    _cpca(request)
    form = VolunteerForm(request.POST or None, membership=request.membership)
    done = run_form(
        request,
        form,
        lambda _data: programmes.enrol_volunteer(request.actor, **form.operation_data()),
        _("Inscription enregistrée : le module socle est prévu."),
        "perpetrators:programmes",
    )
    intro = _("Une démarche volontaire : seule l'identité qu'il donne est enregistrée.")
    title = _("Inscription volontaire")
    return done or form_page(request, form, title, back="perpetrators:programmes", intro=intro)


def _enrolment(request, enrolment_pk):
    _cpca(request)
    enrolments = perms.visible_enrolments(request.membership)
    return get_object_or_404(enrolments.select_related("order__ordering_agency"), pk=enrolment_pk)


def enrolment_detail(request, enrolment_pk):
    enrolment = _enrolment(request, enrolment_pk)
    modules = PlannedModule.objects.filter(enrolment=enrolment).prefetch_related(
        Prefetch("sessions", queryset=Session.objects.select_related("report"))
    )
    record(request.actor, Action.READ, enrolment, fields=[*IDENTITY, "phone", "sessions"])
    context = {
        "enrolment": enrolment,
        "order": enrolment.order,
        "modules": modules,
        "reports": enrolment.reports.all(),
        "attendance_form": AttendanceForm(),
        "now": timezone.now(),
    }
    return render(request, "perpetrators/enrolment.html", context)


def plan_modules(request, enrolment_pk):
    enrolment = _enrolment(request, enrolment_pk)
    current = list(enrolment.modules.values_list("kind", flat=True))
    # Unticking every optional module posts no field: a POST is bound even when empty.
    data = request.POST if request.method == "POST" else None
    form = ModulesForm(data, initial={"optional": current})
    done = run_form(
        request,
        form,
        lambda data: programmes.plan_modules(request.actor, enrolment, data["optional"]),
        _("Parcours mis à jour."),
        enrolment,
    )
    intro = _("Le module socle est toujours prévu.")
    return done or form_page(request, form, _("Modules du parcours"), back=enrolment, intro=intro)


def plan_session(request, enrolment_pk):
    enrolment = _enrolment(request, enrolment_pk)
    form = SessionForm(request.POST or None, enrolment=enrolment)
    done = run_form(
        request,
        form,
        lambda data: programmes.plan_session(request.actor, enrolment, **data),
        _("Séance prévue."),
        enrolment,
    )
    return done or form_page(request, form, _("Prévoir une séance"), back=enrolment)


def end_enrolment(request, enrolment_pk):
    enrolment = _enrolment(request, enrolment_pk)
    form = EndEnrolmentForm(request.POST or None)
    done = run_form(
        request,
        form,
        lambda data: programmes.end_enrolment(request.actor, enrolment, **data),
        _("Fin du parcours enregistrée."),
        enrolment,
    )
    return done or form_page(request, form, _("Fin du parcours"), back=enrolment)


@require_POST
def record_attendance(request, session_pk):
    _cpca(request)
    session = get_object_or_404(
        perms.visible_sessions(request.membership).select_related("module__enrolment"),
        pk=session_pk,
    )
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez une présence."))
    elif run_action(
        request,
        lambda: programmes.record_attendance(
            request.actor, session, form.cleaned_data["attendance"]
        ),
    ):
        messages.success(request, _("Présence enregistrée."))
    return redirect(session.module.enrolment)


def send_report(request, report_pk):
    _cpca(request)
    report = get_object_or_404(
        perms.cpca_reports(request.membership).select_related("enrolment__order__ordering_agency"),
        pk=report_pk,
    )
    form = SendReportForm(request.POST or None)
    done = run_form(
        request,
        form,
        lambda data: programmes.send_report(request.actor, report, **data),
        _("Rapport transmis à l'autorité prescriptrice."),
        report.enrolment,
    )
    intro = _("%(kind)s du %(on)s, à transmettre à %(authority)s avant le %(due)s.") % {
        "kind": report.get_kind_display(),
        "on": f"{timezone.localtime(report.event_at):%d/%m/%Y}",
        "authority": report.enrolment.order.ordering_agency.name,
        "due": f"{timezone.localtime(report.due_by):%d/%m/%Y}",
    }
    title = _("Rapport à l'autorité prescriptrice")
    return done or form_page(request, form, title, back=report.enrolment, intro=intro)


def order_programme(request, case_pk):
    """The procureur or judge orders a programme about a case of their court."""
    case = get_object_or_404(visible_cases(request.membership), pk=case_pk)
    if not perms.can_order_on_case(request.membership, case):
        raise PermissionDenied
    form = OrderProgrammeForm(request.POST or None, case=case, role=request.membership.role)
    done = run_form(
        request,
        form,
        lambda data: programmes.order_programme(
            request.actor, case=case, ordering_agency=request.membership.agency, **data
        ),
        _("Orientation transmise au CPCA."),
        case,
    )
    intro = _(
        "Le CPCA reçoit l'identité de l'auteur, le fondement et votre juridiction : rien de la "
        "victime ni du dossier."
    )
    title = _("Orienter l'auteur vers un CPCA")
    return done or form_page(request, form, title, back=case, case=case, intro=intro)


def reports(request):
    """The CPCA reports received by the member's court (or SPIP) in their role, and the orders
    it gave with where they stand."""
    _authority(request)
    membership = request.membership
    received = perms.reports_received(membership).select_related(
        "enrolment__order__case", "enrolment__order__person", "enrolment__order__cpca"
    )
    given = perms.orders_given(membership).select_related("case", "person", "cpca", "enrolment")
    context = {
        "received": record_reads(request.actor, received.order_by("-sent_at"), fields=["note"]),
        "given": record_reads(request.actor, given[:100], fields=["person", "basis"]),
    }
    return render(request, "perpetrators/reports.html", context)


@require_POST
def acknowledge_report(request, report_pk):
    _authority(request)
    report = get_object_or_404(perms.reports_received(request.membership), pk=report_pk)
    programmes.acknowledge_report(request.actor, report)
    messages.success(request, _("Rapport marqué comme lu."))
    return redirect("perpetrators:reports")
