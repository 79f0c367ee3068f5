"""What eviction housing plugs into: the home worklists of the operator and of the court, and
what blocks closing a case."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from egide.accounts.roles import Role
from egide.cases import closing
from egide.web import worklists

from . import perms
from .choices import AWAITING_OPERATOR, OPEN_STATUSES, RequestStatus
from .models import HousingRequest

WORKLIST_SIZE = 10


def requests_to_place(request) -> worklists.Worklist:
    """The operator's requests waiting for a place or its confirmation, oldest deadline first."""
    pending = (
        perms.requests_for(request.membership)
        .filter(status__in=AWAITING_OPERATOR)
        .select_related("perpetrator")
        .order_by("leave_by", "id")[:WORKLIST_SIZE]
    )
    return worklists.Worklist(
        title=_("Auteurs évincés à héberger"),
        items=[
            worklists.Item(
                f"{r.perpetrator.first_name} {r.perpetrator.last_name}",
                r.get_absolute_url(),
                _("à loger avant le %s") % r.leave_by.strftime("%d/%m/%Y"),
            )
            for r in pending
        ],
        url=reverse("eviction:places"),
    )


def court_housing(request) -> worklists.Worklist:
    """The court's requests still waiting or confirmed and not yet lived in."""
    waiting = (
        perms.requests_for(request.membership)
        .filter(status__in=[*AWAITING_OPERATOR, RequestStatus.CONFIRMED])
        .select_related("case")
        .order_by("leave_by", "id")[:WORKLIST_SIZE]
    )
    return worklists.Worklist(
        title=_("Hébergement des auteurs évincés"),
        items=[
            worklists.Item(
                r.case.reference,
                reverse("eviction:case_requests", args=[r.case_id]),
                r.get_status_display(),
            )
            for r in waiting
        ],
        url=reverse("eviction:court_requests"),
    )


def housing_in_progress(case):
    if HousingRequest.objects.filter(case=case, status__in=OPEN_STATUSES).exists():
        return _("Un hébergement de l'auteur évincé est en cours.")
    return None


def register() -> None:
    worklists.providers.register(requests_to_place, Role.HOUSING_OPERATOR)
    worklists.providers.register(court_housing, Role.PROSECUTOR, Role.JUDGE)
    closing.blockers.register(housing_in_progress)
