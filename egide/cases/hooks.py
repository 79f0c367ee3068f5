"""What the case file plugs into the extension points: its items on each role's home page."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from egide.accounts.roles import Role
from egide.web import worklists

from . import perms
from .choices import CaseStatus, ReferralStatus
from .models import Referral

WORKLIST_SIZE = 10


def assigned_cases(request) -> worklists.Worklist:
    cases = (
        perms.visible_cases(request.membership)
        .filter(assigned_officer=request.user)
        .exclude(status=CaseStatus.CLOSED)
        .order_by("-created_at")[:WORKLIST_SIZE]
    )
    return worklists.Worklist(
        title=_("Dossiers qui me sont attribués"),
        items=[
            worklists.Item(case.reference, case.get_absolute_url(), case.get_status_display())
            for case in cases
        ],
        url=reverse("cases:list"),
    )


def new_referrals(request) -> worklists.Worklist:
    membership = request.membership
    referrals = Referral.objects.filter(
        to_agency=membership.agency, to_role=membership.role, status=ReferralStatus.SENT
    ).select_related("case", "from_agency")[:WORKLIST_SIZE]
    return worklists.Worklist(
        title=_("Nouvelles orientations"),
        items=[
            worklists.Item(r.case.reference, r.case.get_absolute_url(), str(r.from_agency))
            for r in referrals
        ],
        url=reverse("cases:referrals"),
    )


def register() -> None:
    worklists.providers.register(assigned_cases, Role.POLICE_OFFICER)
    worklists.providers.register(new_referrals, *perms.REFERRAL_ROLES)
