"""The court's pages. Objects are fetched through perms' querysets: not visible means 404;
visible but not allowed to act means 403. Rule refusals show the message and change nothing."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from egide.accounts.roles import Role
from egide.audit.choices import Action
from egide.audit.services import record, record_reads
from egide.cases.perms import visible_cases
from egide.perpetrators.index import known_elsewhere
from egide.web.forms import form_page, run_form

from . import board, health_reports, linking, perms, rules, services
from .forms import (
    AutomaticSuspensionForm,
    BreachDecisionForm,
    BreachForm,
    DecisionForm,
    FamilyProceedingForm,
    HealthReportDecisionForm,
    HealthReportForm,
    HearingForm,
    ImmediateOrderRequestForm,
    LiftForm,
    LinkedHearingsForm,
    NotifyForm,
    OrderRequestForm,
    ParquetRequestForm,
    ScheduleHearingForm,
)


def justice_case(request, pk):
    if not perms.can_read_justice(request.membership):
        raise PermissionDenied
    return get_object_or_404(visible_cases(request.membership), pk=pk)


def justice_case_view(view):
    """Passes the visible case to a justice page (404 otherwise), for members who read justice."""

    @wraps(view)
    def wrapper(request, pk, *args, **kwargs):
        return view(request, justice_case(request, pk), *args, **kwargs)

    return wrapper


def order_view(view):
    @wraps(view)
    def wrapper(request, order_pk, *args, **kwargs):
        order = get_object_or_404(perms.visible_orders(request.membership), pk=order_pk)
        return view(request, order, *args, **kwargs)

    return wrapper


def oppi_view(view):
    @wraps(view)
    def wrapper(request, oppi_pk, *args, **kwargs):
        oppis = perms.visible_immediate_orders(request.membership)
        return view(request, get_object_or_404(oppis, pk=oppi_pk), *args, **kwargs)

    return wrapper


def case_form(request, case, form, title, *, intro=""):
    """The form page of a court operation on `case`, with a link back to its court page."""
    back = reverse("justice:case", args=[case.pk])
    return form_page(
        request,
        form,
        title,
        back=back,
        case=case,
        intro=intro,
        known_elsewhere=known_elsewhere(request.actor, case),
    )


def deadlines(request):
    if request.membership is None or request.membership.role not in perms.COURT_ROLES:
        raise PermissionDenied
    now = timezone.now()
    items = [
        {"item": item, "overdue": item.is_overdue(now), "soon": item.is_due_soon(now)}
        for item in board.board_items(request.membership)
    ]
    return render(request, "justice/board.html", {"items": items, "now": now})


@justice_case_view
def case_justice(request, case):
    membership = request.membership
    context = {
        "case": case,
        "orders": perms.visible_orders(membership).filter(case=case).prefetch_related("measures"),
        "oppis": perms.visible_immediate_orders(membership)
        .filter(case=case)
        .prefetch_related("measures"),
        "hearings": perms.visible_hearings(membership).filter(case=case).select_related("judge"),
        "proceedings": case.family_proceedings.all(),
        "child_measures": case.child_measures.all(),
        "breaches": perms.visible_breaches(membership).filter(case=case),
        "parquet_requests": perms.visible_parquet_requests(membership)
        .filter(case=case)
        .select_related("assessment"),
        "can_request_parquet": perms.can_request_parquet(membership, case),
        "can_answer_requests": perms.can_answer_parquet_request(membership, case),
        "can_request": perms.can_request_order(membership, case),
        "can_schedule": perms.can_set_hearing(membership, case),
        "linked_split": not linking.is_aligned(linking.linked_proceedings(case, membership)),
        "can_record_proceeding": perms.can_record_proceeding(membership, case),
        "can_suspend": perms.can_record_automatic_suspension(membership, case),
        "can_report": perms.can_report_breach(membership, case),
        "known_elsewhere": known_elsewhere(request.actor, case),
    }
    record(request.actor, Action.READ, case, fields=["justice.orders", "justice.measures"])
    return render(request, "justice/case.html", context)


@justice_case_view
def request_order(request, case):
    if not perms.can_request_order(request.membership, case):
        raise PermissionDenied
    form = OrderRequestForm(request.POST or None)
    done = run_form(
        request,
        form,
        lambda data: services.request_order(request.actor, case, **data),
        _("Demande d'ordonnance de protection enregistrée."),
        reverse("justice:case", args=[case.pk]),
    )
    return done or case_form(request, case, form, _("Demande d'ordonnance de protection"))


def order_context(request, order) -> dict:
    membership = request.membership
    return {
        "case": order.case,
        "can_set_hearing": perms.can_set_hearing(membership, order.case),
        "can_decide": perms.can_decide(membership, order.case),
        "can_notify": perms.can_notify(membership, order.case),
        "can_request_oppi": perms.can_request_immediate_order(membership, order.case),
        "linked_split": not linking.is_aligned(linking.linked_proceedings(order.case, membership)),
        "now": timezone.now(),
    }


@order_view
def order_detail(request, order):
    context = order_context(request, order)
    context.update(
        order=order,
        kind="op",
        measures=order.measures.all(),
        notifications=order.notifications.all(),
        duration_months=order.decided_at and rules.op_duration_months(order.decided_at.date()),
    )
    record(request.actor, Action.READ, order, fields=["measures"])
    return render(request, "justice/order.html", context)


@oppi_view
def immediate_order_detail(request, oppi):
    context = order_context(request, oppi)
    context.update(
        order=oppi,
        kind="oppi",
        measures=oppi.measures.all(),
        notifications=oppi.notifications.all(),
    )
    record(request.actor, Action.READ, oppi, fields=["measures"])
    return render(request, "justice/order.html", context)


@order_view
def request_immediate_order(request, order):
    if not perms.can_request_immediate_order(request.membership, order.case):
        raise PermissionDenied
    form = ImmediateOrderRequestForm(request.POST or None)
    done = run_form(
        request,
        form,
        lambda data: services.request_immediate_order(request.actor, order, **data),
        _("OPPI demandée : le juge statue dans les 24 heures."),
        reverse("justice:case", args=[order.case_id]),
    )
    intro = _("Le juge aux affaires familiales statue dans les 24 heures, sans audience.")
    return done or case_form(
        request, order.case, form, _("Demande d'OPPI (art. 515-13-1)"), intro=intro
    )


@order_view
def set_hearing(request, order):
    if not perms.can_set_hearing(request.membership, order.case):
        raise PermissionDenied
    form = HearingForm(request.POST or None, court=order.court)
    done = run_form(
        request,
        form,
        lambda data: services.set_hearing(
            request.actor,
            order,
            hearing_at=data["hearing_at"],
            judge=data["judge"],
            room=data["room"],
        ),
        _("Audience fixée : la décision est due sous 6 jours."),
        order.get_absolute_url(),
    )
    intro = _("Fixer la date fait courir le délai de 6 jours pour statuer (art. 515-11).")
    return done or case_form(request, order.case, form, _("Fixer l'audience"), intro=intro)


@justice_case_view
def schedule_hearing(request, case):
    """Another proceeding of the couple, offered with the OP hearing's judge and day."""
    if not perms.can_set_hearing(request.membership, case):
        raise PermissionDenied
    op_hearing = (
        perms.visible_hearings(request.membership)
        .filter(case=case, kind="protection_order", at__gte=timezone.now())
        .first()
    )
    initial = (
        {"hearing_at": timezone.localtime(op_hearing.at), "judge": op_hearing.judge}
        if (op_hearing)
        else {}
    )
    form = ScheduleHearingForm(request.POST or None, court=case.court, initial=initial)
    done = run_form(
        request,
        form,
        lambda data: services.schedule_hearing(
            request.actor,
            case,
            kind=data["kind"],
            hearing_at=data["hearing_at"],
            judge=data["judge"],
            room=data["room"],
        ),
        _("Audience fixée."),
        reverse("justice:case", args=[case.pk]),
    )
    intro = (
        _("Proposé : le même juge et le même jour que l'audience OP du couple.")
        if (op_hearing)
        else ""
    )
    return done or case_form(request, case, form, _("Audiencer une procédure liée"), intro=intro)


@justice_case_view
def linked_hearings(request, case):
    """The couple's proceedings across case files, set together before one judge on one day."""
    if not perms.can_set_hearing(request.membership, case):
        raise PermissionDenied
    proceedings = linking.linked_proceedings(case, request.membership)
    choosable = linking.schedulable(proceedings, request.membership)
    form = LinkedHearingsForm(request.POST or None, court=case.court, proceedings=choosable)
    done = run_form(
        request,
        form,
        lambda data: services.schedule_linked_hearings(
            request.actor,
            linking.pick(choosable, data["proceedings"]),
            hearing_at=data["hearing_at"],
            judge=data["judge"],
            room=data["room"],
        ),
        _("Audiences liées fixées le même jour devant le même juge."),
        reverse("justice:linked_hearings", args=[case.pk]),
    )
    if done:
        return done
    record(request.actor, Action.READ, case, fields=["justice.linked_proceedings"])
    context = {
        "case": case,
        "form": form,
        "proceedings": proceedings,
        "aligned": linking.is_aligned(proceedings),
        "title": _("Audiences liées du couple"),
    }
    return render(request, "justice/linked.html", context, status=400 if form.is_bound else 200)


def decide(request, order, operation, *, immediate: bool):
    if not perms.can_decide(request.membership, order.case):
        raise PermissionDenied
    form = DecisionForm(request.POST or None, case=order.case, immediate=immediate)
    done = run_form(
        request,
        form,
        lambda data: operation(
            request.actor,
            order,
            decision=data["decision"],
            measures=form.measures(),
            reasons=data["reasons"],
        ),
        _("Décision enregistrée."),
        order.get_absolute_url(),
    )
    title = _("Décision sur l'OPPI") if immediate else _("Décision sur l'ordonnance de protection")
    return done or render(
        request,
        "justice/decision.html",
        {"case": order.case, "order": order, "form": form, "title": title},
        status=400 if form.is_bound else 200,
    )


@order_view
def decide_order(request, order):
    return decide(request, order, services.decide_order, immediate=False)


@oppi_view
def decide_immediate_order(request, oppi):
    return decide(request, oppi, services.decide_immediate_order, immediate=True)


def notify(request, order):
    if not perms.can_notify(request.membership, order.case):
        raise PermissionDenied
    form = NotifyForm(request.POST or None)
    done = run_form(
        request,
        form,
        lambda data: services.notify_order(request.actor, order, **data),
        _("Notification enregistrée."),
        order.get_absolute_url(),
    )
    intro = _(
        "La notification à l'auteur met les mesures en vigueur ; la durée de l'ordonnance de "
        "protection court à compter de cette notification (art. 515-12 du Code civil)."
    )
    return done or case_form(
        request, order.case, form, _("Notification de l'ordonnance"), intro=intro
    )


@order_view
def notify_order(request, order):
    return notify(request, order)


@oppi_view
def notify_immediate_order(request, oppi):
    return notify(request, oppi)


@order_view
def lift_order(request, order):
    if not perms.can_decide(request.membership, order.case):
        raise PermissionDenied
    form = LiftForm(request.POST or None)
    done = run_form(
        request,
        form,
        lambda data: services.lift_order(request.actor, order, reason=data["reason"]),
        _("Ordonnance levée."),
        order.get_absolute_url(),
    )
    return done or case_form(request, order.case, form, _("Lever l'ordonnance"))


@justice_case_view
def family_proceeding(request, case):
    if not perms.can_record_proceeding(request.membership, case):
        raise PermissionDenied
    form = FamilyProceedingForm(request.POST or None)
    done = run_form(
        request,
        form,
        lambda data: services.record_family_proceeding(request.actor, case, **data),
        _("Procédure enregistrée : les ordonnances en vigueur sont prolongées."),
        reverse("justice:case", args=[case.pk]),
    )
    intro = _(
        "Une demande en divorce, en séparation de corps ou relative à l'autorité parentale "
        "introduite pendant l'ordonnance la prolonge jusqu'à la décision (art. 515-12)."
    )
    return done or case_form(request, case, form, _("Procédure familiale"), intro=intro)


@justice_case_view
def automatic_suspension(request, case):
    if not perms.can_record_automatic_suspension(request.membership, case):
        raise PermissionDenied
    form = AutomaticSuspensionForm(request.POST or None)
    done = run_form(
        request,
        form,
        lambda data: services.record_automatic_suspension(request.actor, case, **data),
        _("Suspension de plein droit enregistrée."),
        reverse("justice:case", args=[case.pk]),
    )
    intro = _(
        "Parent poursuivi pour un crime sur l'autre parent : autorité parentale et droits de "
        "visite suspendus de plein droit jusqu'à la décision du juge, six mois au plus (378-2)."
    )
    return done or case_form(request, case, form, _("Suspension de plein droit"), intro=intro)


def report_breach(request, pk):
    case = get_object_or_404(visible_cases(request.membership), pk=pk)
    if not perms.can_report_breach(request.membership, case):
        raise PermissionDenied
    form = BreachForm(request.POST or None)
    done = run_form(
        request,
        form,
        lambda data: services.report_breach(case, actor=request.actor, **data),
        _("Violation transmise au procureur."),
        case.get_absolute_url(),
    )
    return done or case_form(request, case, form, _("Signaler une violation"))


def breaches(request, form=None, status=200):
    if request.membership is None or request.membership.role != Role.PROSECUTOR:
        raise PermissionDenied
    reports = perms.visible_breaches(request.membership).select_related("case")
    shown = record_reads(request.actor, reports[:100], fields=["description", "evidence"])
    rows = [
        (
            breach,
            form if form is not None and form.breach_pk == breach.pk else decision_form(breach),
        )
        for breach in shown
    ]
    context = {"rows": rows, "now": timezone.now()}
    return render(request, "justice/breaches.html", context, status=status)


def decision_form(breach, data=None) -> BreachDecisionForm:
    """One form per breach of the inbox, with its own field ids."""
    form = BreachDecisionForm(data, auto_id=f"id_breach{breach.pk}_%s")
    form.breach_pk = breach.pk
    return form


@require_POST
def acknowledge_breach(request, breach_pk):
    breach = get_object_or_404(perms.visible_breaches(request.membership), pk=breach_pk)
    form = decision_form(breach, request.POST)
    done = run_form(
        request,
        form,
        lambda data: services.acknowledge_breach(request.actor, breach, **data),
        _("Violation prise en compte : décision enregistrée."),
        reverse("justice:breaches"),
    )
    return done or breaches(request, form, status=400)


@justice_case_view
def request_parquet(request, case):
    """The officer's request to the parquet, with the case's latest assessment attached."""
    if not perms.can_request_parquet(request.membership, case):
        raise PermissionDenied
    form = ParquetRequestForm(request.POST or None, initial={"kinds": request.GET.getlist("m")})
    done = run_form(
        request,
        form,
        lambda data: services.request_to_parquet(request.actor, case, **data),
        _("Demande transmise au parquet avec l'évaluation du danger."),
        reverse("justice:case", args=[case.pk]),
    )
    intro = _(
        "Le procureur la reçoit sur son tableau, avec la dernière évaluation du danger du dossier."
    )
    return done or case_form(request, case, form, _("Demande au parquet"), intro=intro)


@require_POST
def answer_parquet_request(request, request_pk):
    parquet_request = get_object_or_404(
        perms.visible_parquet_requests(request.membership), pk=request_pk
    )
    services.answer_parquet_request(request.actor, parquet_request)
    messages.success(request, _("Demande marquée comme traitée."))
    return redirect("justice:case", parquet_request.case_id)


def new_health_report(request):
    """A health professional reports to the procureur without the victim's consent (226-14 3°)."""
    if not perms.can_report_to_procureur(request.membership):
        raise PermissionDenied
    form = HealthReportForm(request.POST or None, cases=visible_cases(request.membership))
    done = run_form(
        request,
        form,
        lambda _data: health_reports.report_to_procureur(request.actor, **form.operation_data()),
        _("Signalement transmis au procureur de la République."),
        reverse("justice:health_reports_sent"),
    )
    context = {
        "form": form,
        "source": rules.HEALTH_REPORT_SOURCE,
        "court": request.membership.agency.jurisdiction,
    }
    status = 400 if form.is_bound else 200
    return done or render(request, "justice/health_report_form.html", context, status=status)


def health_reports_page(request, form=None, status=200):
    """The procureur's inbox of 226-14 reports."""
    if request.membership is None or request.membership.role != Role.PROSECUTOR:
        raise PermissionDenied
    return health_reports_list(request, form, status)


def sent_health_reports(request):
    """The reporting structure follows its own reports (acknowledged or not)."""
    if not perms.can_report_to_procureur(request.membership):
        raise PermissionDenied
    return health_reports_list(request)


def health_reports_list(request, form=None, status=200):
    membership = request.membership
    reports = perms.visible_health_reports(membership).select_related("case", "agency")
    shown = record_reads(request.actor, reports[:100], fields=["consent_attempt", "findings"])
    rows = [
        (
            report,
            form
            if form is not None and form.report_pk == report.pk
            else health_decision_form(report),
        )
        for report in shown
    ]
    context = {
        "rows": rows,
        "can_decide": membership.role == Role.PROSECUTOR,
        "can_report": perms.can_report_to_procureur(membership),
    }
    return render(request, "justice/health_reports.html", context, status=status)


def health_decision_form(report, data=None) -> HealthReportDecisionForm:
    form = HealthReportDecisionForm(data, auto_id=f"id_report{report.pk}_%s")
    form.report_pk = report.pk
    return form


@require_POST
def acknowledge_health_report(request, report_pk):
    report = get_object_or_404(perms.visible_health_reports(request.membership), pk=report_pk)
    form = health_decision_form(report, request.POST)
    done = run_form(
        request,
        form,
        lambda data: health_reports.acknowledge(request.actor, report, **data),
        _("Signalement pris en compte : décision enregistrée."),
        reverse("justice:health_reports"),
    )
    return done or health_reports_page(request, form, status=400)
