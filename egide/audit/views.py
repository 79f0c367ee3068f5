"""The auditor's view of the audit log: search, break-glass reads, the history of one object.

Reading the log is itself recorded, so the auditor's own activity can be checked.
"""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .forms import AuditSearchForm
from .models import Action, AuditEntry
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
    record(request, Action.READ, object_type="audit.auditentry", fields=form.used_criteria())
    entries = form.filter(AuditEntry.objects.all()).order_by("-seq")
    return render_entries(request, entries, title=_("Journal d'audit"), form=form)


@require_safe
def object_history(request, object_type, object_id):
    require_auditor(request)
    entries = AuditEntry.objects.filter(object_type=object_type, object_id=object_id)
    record(
        request, Action.READ, object_type="audit.auditentry", fields=["object_type", "object_id"]
    )
    title = _("Historique de l'objet %(type)s n° %(id)s") % {"type": object_type, "id": object_id}
    return render_entries(request, entries.order_by("-seq"), title=title)
