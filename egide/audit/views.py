"""The auditor's view of the audit log: search, break-glass reads, the history of one object.

Reading the log is itself recorded, so the auditor's own activity can be checked.
"""

import csv

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .choices import Action
from .forms import AuditSearchForm
from .models import AuditEntry
from .perms import can_read_audit_log
from .services import record

PAGE_SIZE = 50


def require_auditor(request):
    if not can_read_audit_log(request.membership):
        raise PermissionDenied


def render_entries(request, entries, *, title, form=None):
    page = Paginator(entries.select_related("agency"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "audit/log.html", {"title": title, "form": form, "page_obj": page})


@require_safe
def log(request):
    require_auditor(request)
    form = AuditSearchForm(request.GET)
    if not form.is_valid():
        return render_entries(
            request, AuditEntry.objects.none(), title=_("Journal d'audit"), form=form
        )
    record(request.actor, Action.READ, object_type="audit.auditentry", fields=form.used_criteria())
    entries = form.filter(AuditEntry.objects.all()).order_by("-seq")
    return render_entries(request, entries, title=_("Journal d'audit"), form=form)


@require_safe
def object_history(request, object_type, object_id):
    require_auditor(request)
    entries = AuditEntry.objects.filter(object_type=object_type, object_id=object_id)
    record(
        request.actor,
        Action.READ,
        object_type="audit.auditentry",
        fields=["object_type", "object_id"],
    )
    label = AuditEntry(object_type=object_type, object_id=object_id).object_label()
    title = _("Historique : %(object)s") % {"object": label}
    return render_entries(request, entries.order_by("-seq"), title=title)


@require_safe
def export(request):
    """The entries matching the search, as CSV; the export is itself an audit entry."""
    require_auditor(request)
    form = AuditSearchForm(request.GET)
    if not form.is_valid():
        return render_entries(
            request, AuditEntry.objects.none(), title=_("Journal d'audit"), form=form
        )
    entries = form.filter(AuditEntry.objects.all()).order_by("seq").select_related("agency")
    record(
        request.actor, Action.EXPORT, object_type="audit.auditentry", fields=form.used_criteria()
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="journal-audit.csv"'
    writer = csv.writer(response)
    writer.writerow(EXPORT_COLUMNS)
    for entry in entries.iterator(chunk_size=2000):
        writer.writerow(export_row(entry))
    return response


EXPORT_COLUMNS = [
    "seq", "at", "actor", "role", "agency", "action", "object", "fields", "reason", "ip", "flagged"
]  # fmt: skip


def export_row(entry) -> list:
    return [
        entry.seq,
        entry.at.isoformat(),
        entry.actor_username,
        entry.role,
        entry.agency.name if entry.agency else "",
        entry.action,
        entry.object_label(),
        " ".join(entry.fields),
        entry.reason,
        entry.client_ip or "",
        int(entry.flagged),
    ]
