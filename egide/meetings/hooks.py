"""What risk meetings plug into: the members' next meetings and the open actions they own on
their home page, and the case file's new incidents, which bring a case discussed within the
repeat window back to the département's next meeting."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from egide.cases import signals as case_signals
from egide.web import worklists

from . import perms, services
from .choices import MEMBER_ROLES, ActionStatus, MeetingStatus
from .models import PlannedAction

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


def my_open_actions(request) -> worklists.Worklist | None:
    """The actions of a plan the member owns and has not said done or dropped, each leading to
    the meeting that decided it, where the owner updates it (closed or not). Reference and due
    date only: the action's wording stays on the meeting's page."""
    actions = (
        PlannedAction.objects.filter(owner=request.membership, status=ActionStatus.OPEN)
        .select_related("case", "meeting")
        .order_by("due_on", "pk")[:SHOWN]
    )
    items = [
        worklists.Item(
            action.case.reference,
            action.meeting.get_absolute_url(),
            _("Échéance : %(date)s") % {"date": action.due_on.strftime("%d/%m/%Y")},
        )
        for action in actions
    ]
    if not items:
        return None
    title = _("Mes actions des plans de réunion")
    return worklists.Worklist(title, items, reverse("meetings:list"))


def on_incident(sender, case, incident, **kwargs):
    services.on_incident(case)


def register() -> None:
    case_signals.incident_recorded.connect(on_incident, dispatch_uid="meetings")
    worklists.providers.register(next_meetings, *sorted(MEMBER_ROLES))
    worklists.providers.register(my_open_actions, *sorted(MEMBER_ROLES))
