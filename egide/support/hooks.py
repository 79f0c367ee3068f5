"""What support plugs into the extension points: home-page worklists, what blocks closing a case."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egide.accounts.roles import Role
from egide.cases import closing
from egide.web import worklists

from . import perms
from .choices import ACTIVE_ALLOCATION, AidStatus, AllocationStatus, NeedStatus
from .models import EmergencyAidRequest, FreshStartNeed, ShelterAllocation

WORKLIST_SIZE = 10


def aid_to_handle(request) -> worklists.Worklist:
    pending = perms.aid_requests_for(request.membership).filter(
        status__in=[AidStatus.RECEIVED, AidStatus.GRANTED]
    )[:WORKLIST_SIZE]
    return worklists.Worklist(
        title=_("Aides à décider ou à verser"),
        items=[
            worklists.Item(
                str(r), r.get_absolute_url(), _("avant le %s") % r.payment_due.strftime("%d/%m/%Y")
            )
            for r in pending
        ],
        url=reverse("support:aid_requests"),
    )


def allocation_requests(request) -> worklists.Worklist:
    pending = perms.allocations_for(request.membership).filter(status=AllocationStatus.REQUESTED)[
        :WORKLIST_SIZE
    ]
    url = reverse("support:shelters")
    return worklists.Worklist(
        title=_("Demandes de places"),
        items=[worklists.Item(a.guest_label, url, str(a.shelter)) for a in pending],
        url=url,
    )


def late_needs(request) -> worklists.Worklist:
    late = FreshStartNeed.objects.filter(
        plan__referent=request.user,
        target_date__lt=timezone.localdate(),
    ).exclude(status=NeedStatus.DONE)[:WORKLIST_SIZE]
    return worklists.Worklist(
        title=_("Besoins en retard (packs nouveau départ)"),
        items=[
            worklists.Item(n.plan.case.reference, n.plan.get_absolute_url(), str(n.partner))
            for n in late.select_related("plan__case", "partner")
        ],
    )


def aid_in_progress(case):
    active = EmergencyAidRequest.objects.filter(
        case=case, status__in=[AidStatus.RECEIVED, AidStatus.GRANTED]
    )
    if active.exists():
        return _("Une aide universelle d'urgence est en cours de traitement.")
    return None


def shelter_in_progress(case):
    if ShelterAllocation.objects.filter(case=case, status__in=ACTIVE_ALLOCATION).exists():
        return _("Une demande ou une attribution d'hébergement est en cours.")
    return None


def register() -> None:
    worklists.providers.register(aid_to_handle, Role.AID_AGENT)
    worklists.providers.register(allocation_requests, Role.SHELTER_MANAGER)
    worklists.providers.register(late_needs, Role.SOCIAL_REFERENT)
    closing.blockers.register(aid_in_progress)
    closing.blockers.register(shelter_in_progress)
