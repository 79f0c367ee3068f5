"""Who sees and does what in support. Deny by default; every list starts from these querysets.

- A CAF / MSA agent sees the aid requests sent to their caisse — and nothing of the case.
- A shelter manager sees the shelters of their operator and the allocations to them, with the
  guest's minimal identity only; they keep their shelters' details, address included.
- The platform administrator keeps the register of shelters (see `can_register_shelters`).
- The members who may open a case (cases.perms) transmit aid requests, ask for places and see
  the fresh-start plan; the plan's referent is a social referent who reaches the case.
- A partner agency sees, of a plan, only the needs put in its hands.
"""

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from egide.accounts.perms import can_administer_platform
from egide.accounts.roles import AgencyKind, Role
from egide.cases.perms import can_view_case, visible_cases

from .choices import HOLDING_PLACES
from .models import EmergencyAidRequest, FreshStartNeed, Shelter, ShelterAllocation

# Who sends a victim's request or asks for a place: the people she meets.
CASE_SUPPORT_ROLES = frozenset({Role.POLICE_OFFICER, Role.ISCG_SOCIAL_WORKER, Role.SOCIAL_REFERENT})
# The caisses that decide and pay the aide universelle d'urgence (CASF L. 214-9).
CAISSE_KINDS = frozenset({AgencyKind.CAF, AgencyKind.MSA})


def aid_requests_for(membership):
    if membership is None:
        return EmergencyAidRequest.objects.none()
    if membership.role == Role.AID_AGENT:
        return EmergencyAidRequest.objects.filter(caisse_id=membership.agency_id)
    if membership.role in CASE_SUPPORT_ROLES:
        return EmergencyAidRequest.objects.filter(case__in=visible_cases(membership))
    return EmergencyAidRequest.objects.none()


def can_decide_aid(membership, aid_request) -> bool:
    return (
        membership is not None
        and membership.role == Role.AID_AGENT
        and aid_request.caisse_id == membership.agency_id
    )


def can_support_case(membership, case, access=None) -> bool:
    """Transmit an aid request, ask for a shelter place, see the plan (`access`: the member's
    access to the case, when the caller has computed it)."""
    return (
        membership is not None
        and membership.role in CASE_SUPPORT_ROLES
        and can_view_case(membership, case, access)
    )


def can_lead_plan(membership, case) -> bool:
    return (
        membership is not None
        and membership.role == Role.SOCIAL_REFERENT
        and can_view_case(membership, case)
    )


def _occupied():
    held = ShelterAllocation.objects.filter(shelter=OuterRef("pk"), status__in=HOLDING_PLACES)
    total = held.values("shelter").annotate(n=Sum("adults") + Sum("children")).values("n")
    return Coalesce(Subquery(total, output_field=IntegerField()), Value(0))


def with_availability(shelters):
    """Shelters annotated with `occupied` and `free` places, counted at query time."""
    return shelters.annotate(
        occupied=_occupied(),
        waiting=Count("allocations", filter=Q(allocations__status="requested")),
    ).annotate(free=F("capacity") - F("occupied"))


def shelters_for(membership):
    """The shelters a member may see: their operator's, or those of the département for the
    people who ask for a place."""
    if membership is None:
        return Shelter.objects.none()
    if membership.role == Role.SHELTER_MANAGER:
        return Shelter.objects.filter(operator_id=membership.agency_id)
    if membership.role in CASE_SUPPORT_ROLES:
        return Shelter.objects.filter(departement=membership.agency.departement)
    return Shelter.objects.none()


def allocations_for(membership):
    if membership is None:
        return ShelterAllocation.objects.none()
    if membership.role == Role.SHELTER_MANAGER:
        return ShelterAllocation.objects.filter(shelter__operator_id=membership.agency_id)
    if membership.role in CASE_SUPPORT_ROLES:
        return ShelterAllocation.objects.filter(case__in=visible_cases(membership))
    return ShelterAllocation.objects.none()


def can_manage_shelter(membership, shelter) -> bool:
    return (
        membership is not None
        and membership.role == Role.SHELTER_MANAGER
        and shelter.operator_id == membership.agency_id
    )


def can_register_shelters(membership) -> bool:
    """Who registers a shelter, names its operator and corrects its registration: the platform
    administrator, on the word of the State's services (SIAO, DDETS) — no role of the platform
    stands for those. The administrator already keeps the agencies, operators included, and the
    directory: reference data, at the platform's scope, with no case content. No other role
    fits: a shelter manager holds only their own operator's shelters, the social referents and
    officers ask for places and must not define the supply, and the analyst reads aggregates
    only. The administrator types a shelter's address once, at registration, and never reads it
    back: only the operator's managers do (`can_read_shelter_address`)."""
    return can_administer_platform(membership)


def registered_shelters(membership):
    """Every shelter of the platform, for the administrator who keeps the register."""
    if not can_register_shelters(membership):
        return Shelter.objects.none()
    return Shelter.objects.select_related("operator")


def can_read_shelter_address(membership, shelter) -> bool:
    """A shelter's address is where women hide: its operator's managers read and correct it,
    nobody else (not those who ask for a place, not the administrator who registered it)."""
    return can_manage_shelter(membership, shelter)


def can_manage_allocation(membership, allocation) -> bool:
    return can_manage_shelter(membership, allocation.shelter)


def needs_for_partner(membership):
    """The needs in the hands of the member's agency — and only those, whatever the plan."""
    if membership is None:
        return FreshStartNeed.objects.none()
    return FreshStartNeed.objects.filter(partner_id=membership.agency_id)
