"""Support builders: an aid request sent to a CAF, a shelter with places, a plan with needs."""

import datetime
from decimal import Decimal

from egide.accounts.roles import AgencyKind, Role
from egide.cases.choices import ShareScope
from egide.support.choices import AidProof, NeedArea, ShelterKind
from egide.support.models import (
    EmergencyAidRequest,
    FreshStartNeed,
    FreshStartPlan,
    Shelter,
    ShelterAllocation,
)
from tests.cases.factories import CaseFactory
from tests.cases.sharing_helpers import consent_for
from tests.factories import AgencyFactory, MembershipFactory, UserFactory


def caf_agent(departement="27"):
    caf = AgencyFactory(kind=AgencyKind.CAF, departement=departement)
    return MembershipFactory(role=Role.AID_AGENT, agency=caf)


def aid_request(caisse=None, case=None, **overrides) -> EmergencyAidRequest:
    case = case or CaseFactory()
    caisse = caisse or AgencyFactory(kind=AgencyKind.CAF)
    consent = consent_for(case, agency=caisse, scope=ShareScope.SUPPORT_PLAN)
    victim = case.victim
    fields = {
        "first_name": victim.first_name,
        "last_name": victim.last_name,
        "birth_date": victim.birth_date,
        "applicant_key": "k" * 64,
        "bank_account": "FR7630001007941234567890185",
        "children_under_21": 0,
        "monthly_resources": Decimal("800"),
        "already_allocataire": True,
        "proof_kind": AidProof.COMPLAINT,
        "proof_date": datetime.date(2025, 11, 1),
        "received_on": datetime.date(2025, 11, 14),
        "payment_due": datetime.date(2025, 11, 19),
        "departement": case.departement,
        "transmitted_by": UserFactory(),
        "transmitted_agency": case.opening_agency,
    }
    fields.update(overrides)
    return EmergencyAidRequest.objects.create(case=case, consent=consent, caisse=caisse, **fields)


def shelter_manager(departement="27"):
    operator = AgencyFactory(kind=AgencyKind.SHELTER_OPERATOR, departement=departement)
    return MembershipFactory(role=Role.SHELTER_MANAGER, agency=operator)


def shelter(operator=None, capacity=4, **overrides) -> Shelter:
    operator = operator or AgencyFactory(kind=AgencyKind.SHELTER_OPERATOR)
    fields = {
        "name": f"Résidence {operator.pk}-{Shelter.objects.count()}",
        "kind": ShelterKind.EMERGENCY,
        "departement": operator.departement,
        "capacity": capacity,
    }
    fields.update(overrides)
    return Shelter.objects.create(operator=operator, **fields)


def allocation(a_shelter=None, case=None, **overrides) -> ShelterAllocation:
    case = case or CaseFactory()
    fields = {
        "guest_label": "Marie D.",
        "adults": 1,
        "children": 1,
        "requested_by": UserFactory(),
        "requested_agency": case.opening_agency,
    }
    fields.update(overrides)
    return ShelterAllocation.objects.create(shelter=a_shelter or shelter(), case=case, **fields)


def plan_with_needs(partners, case=None) -> FreshStartPlan:
    case = case or CaseFactory()
    plan = FreshStartPlan.objects.create(
        case=case, referent=UserFactory(), referent_agency=AgencyFactory()
    )
    areas = list(NeedArea.values)
    for index, partner in enumerate(partners):
        FreshStartNeed.objects.create(
            plan=plan,
            area=areas[index % len(areas)],
            description=f"Besoin confidentiel n°{index}",
            partner=partner,
            target_date=datetime.date(2025, 12, 1),
        )
    return plan
