"""The archive of a bracelet's data, read by the procureur or the JAF with a reason; the
processing register, read by the DPO and the platform operator."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from egide.errors import RuleError
from egide.monitoring import narration

from . import archive, perms, register
from .forms import ArchiveReadForm


def archived_pairing(request, pairing_pk):
    pairing = get_object_or_404(
        perms.archive_readable(request.membership).select_related("order__case"), pk=pairing_pk
    )
    form = ArchiveReadForm(request.POST or None)
    context = {"pairing": pairing, "form": form, "archived": archive.is_archived(pairing)}
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            points, events = archive.read_archive(
                request.actor, pairing, form.cleaned_data["reason"]
            )
        except RuleError as error:
            form.add_error("reason", error.messages[0])
            status = 400
        else:
            context |= {
                "measures": len(points),
                "closest": min(points, key=lambda point: point.distance_m, default=None),
                "events": [(event, narration.describe(event, None)) for event in events],
                "shown": True,
            }
    elif request.method == "POST":
        status = 400
    return render(request, "retention/archived_pairing.html", context, status=status)


@require_safe
def processing_register(request):
    if not perms.can_read_register(request.membership):
        raise PermissionDenied
    return render(request, "retention/register.html", {"register": register.build()})
