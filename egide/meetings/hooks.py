"""What risk meetings plug into: the members' next meetings on their home page, and the case
file's new incidents, which bring a case discussed within the repeat window back to the
département's next meeting."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from egide.cases import signals as case_signals
from egide.web import worklists

from . import perms, services
from .choices import MEMBER_ROLES, MeetingStatus

SHOWN = 5


def next_meetings(request) -> worklists.Worklist:
    planned = (
        perms.visible_meetings(request.membership)
        .filter(status=MeetingStatus.PLANNED)
        .order_by("starts_at")[:SHOWN]
    )
    items = [
        worklists.Item(str(meeting), meeting.get_absolute_url(), meeting.place)
        for meeting in planned
    ]
    return worklists.Worklist(
        _("Réunions d'évaluation des situations à risque"), items, reverse("meetings:list")
    )


def on_incident(sender, case, incident, **kwargs):
    services.on_incident(case)


def register() -> None:
    case_signals.incident_recorded.connect(on_incident, dispatch_uid="meetings")
    worklists.providers.register(next_meetings, *sorted(MEMBER_ROLES))
