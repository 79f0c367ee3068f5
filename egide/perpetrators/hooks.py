"""What the perpetrators domain plugs into the extension points: the owner's worklist, "your
file's perpetrator was looked up elsewhere"; the CPCA's worklists (orders to enrol, reports to
send, sessions ahead); the ordering authority's CPCA reports to read."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from egide.accounts.roles import Role
from egide.web import worklists

from . import perms
from .choices import ORDERING_ROLES
from .models import IndexLookup

# The agencies that own case files (their opening agency) are told of look-ups by others.
OWNER_ROLES = (Role.POLICE_OFFICER, Role.SOCIAL_REFERENT, Role.HEALTH_PROFESSIONAL)
RECENT = timedelta(days=30)
SIZE = 10
SESSIONS_AHEAD = timedelta(days=7)


def lookups_of_my_cases(request) -> worklists.Worklist:
    membership = request.membership
    lookups = (
        IndexLookup.objects.filter(
            matched_case__opening_agency_id=membership.agency_id,
            at__gte=timezone.now() - RECENT,
        )
        .exclude(agency_id=membership.agency_id)
        .select_related("matched_case", "agency")[:SIZE]
    )
    items = [
        worklists.Item(
            _("Dossier %(reference)s : auteur recherché par %(agency)s (%(departement)s)")
            % {
                "reference": lookup.matched_case.reference,
                "agency": lookup.agency.name,
                "departement": lookup.agency.departement,
            },
            reverse("cases:detail", args=[lookup.matched_case_id]),
            date_format(timezone.localtime(lookup.at), "SHORT_DATETIME_FORMAT"),
        )
        for lookup in lookups
    ]
    return worklists.Worklist(gettext_lazy("Auteurs de vos dossiers connus ailleurs"), items)


def _short(moment) -> str:
    return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def _overdue_label(report, now) -> str:
    label = f"{report.get_kind_display()} — {report.enrolment}"
    return _("En retard : %(report)s") % {"report": label} if report.is_overdue(now) else label


def cpca_reports_due(request) -> worklists.Worklist:
    """The reports the CPCA owes, the overdue ones first (their deadline is the order)."""
    reports = perms.cpca_reports(request.membership).filter(sent_at__isnull=True)
    now = timezone.now()
    items = [
        worklists.Item(
            _overdue_label(report, now),
            reverse("perpetrators:send_report", args=[report.pk]),
            _("à transmettre avant le %(due)s") % {"due": _short(report.due_by)},
        )
        for report in reports.select_related("enrolment")[:SIZE]
    ]
    url = reverse("perpetrators:programmes")
    return worklists.Worklist(gettext_lazy("Rapports à transmettre"), items, url)


def cpca_orders_waiting(request) -> worklists.Worklist:
    orders = perms.cpca_orders(request.membership).filter(enrolment__isnull=True)
    items = [
        worklists.Item(
            f"{order.person.last_name} {order.person.first_name}",
            reverse("perpetrators:enrol_order", args=[order.pk]),
            order.get_basis_display(),
        )
        for order in orders.select_related("person")[:SIZE]
    ]
    url = reverse("perpetrators:programmes")
    return worklists.Worklist(gettext_lazy("Orientations à inscrire"), items, url)


def cpca_sessions_ahead(request) -> worklists.Worklist:
    now = timezone.now()
    sessions = perms.visible_sessions(request.membership).filter(
        starts_at__gte=now, starts_at__lte=now + SESSIONS_AHEAD
    )
    items = [
        worklists.Item(
            f"{session.get_kind_display()} — {session.module.enrolment}",
            session.module.enrolment.get_absolute_url(),
            _short(session.starts_at),
        )
        for session in sessions.select_related("module__enrolment")[:SIZE]
    ]
    url = reverse("perpetrators:programmes")
    return worklists.Worklist(gettext_lazy("Séances de la semaine"), items, url)


def cpca_reports_to_read(request) -> worklists.Worklist:
    reports = perms.reports_received(request.membership).filter(acknowledged_at__isnull=True)
    items = [
        worklists.Item(
            _("%(kind)s — dossier %(reference)s")
            % {
                "kind": report.get_kind_display(),
                "reference": report.enrolment.order.case.reference,
            },
            reverse("perpetrators:reports"),
            _short(report.sent_at),
        )
        for report in reports.select_related("enrolment__order__case").order_by("sent_at")[:SIZE]
    ]
    url = reverse("perpetrators:reports")
    return worklists.Worklist(gettext_lazy("Rapports CPCA à lire"), items, url)


def register() -> None:
    worklists.providers.register(lookups_of_my_cases, *OWNER_ROLES)
    for provider in (cpca_reports_due, cpca_orders_waiting, cpca_sessions_ahead):
        worklists.providers.register(provider, Role.CPCA_WORKER)
    worklists.providers.register(cpca_reports_to_read, *ORDERING_ROLES)
