"""Demo data of support: the shelters of the Eure's demo operator, and aid requests waiting in the
CAF of the Eure's inbox (one to decide, one granted and to pay). Idempotent (keyed by name, and
by the caisse's inbox being empty)."""

import datetime
from decimal import Decimal

from egide.accounts.roles import Role
from egide.cases.choices import CaseStatus
from egide.directory.places import find_place

from . import services
from .choices import AidProof, ShelterKind
from .forms import initial_from_case
from .models import EmergencyAidRequest, Shelter

DEMO_SHELTERS = (
    ("Résidence Les Tilleuls — Évreux", ShelterKind.EMERGENCY, 12, True, True, "Évreux"),
    ("Maison Olympe — Louviers", ShelterKind.INTEGRATION, 8, False, True, "Louviers"),
    ("Appartements relais — Vernon", ShelterKind.TEMPORARY_HOUSING, 6, True, True, "Vernon"),
)
# (monthly resources, already allocataire, granted by the caisse already)
DEMO_AID_REQUESTS = (
    (Decimal("420.00"), True, False),
    (Decimal("1150.00"), False, False),
    (Decimal("0.00"), True, True),
)
DEMO_IBAN = "FR7630001007941234567890185"


def populate(context) -> None:
    operator = context.agencies["shelter_eure"]
    for name, kind, capacity, accessible, accepts_children, town in DEMO_SHELTERS:
        commune = find_place(town)
        Shelter.objects.update_or_create(
            operator=operator,
            name=name,
            defaults={
                "kind": kind,
                "departement": operator.departement,
                "capacity": capacity,
                "accessible": accessible,
                "accepts_children": accepts_children,
                "latitude": commune.latitude,
                "longitude": commune.longitude,
            },
        )
    populate_aid_inbox(context)


def populate_aid_inbox(context) -> None:
    """Requests sent by the Évreux police with the victims' consent, as the form would send them."""
    caf = context.agencies["caf_eure"]
    if EmergencyAidRequest.objects.filter(caisse=caf).exists():
        return
    officer = context.acting(Role.POLICE_OFFICER, "police_evreux")
    cases = officer.membership.agency.opened_cases.filter(status=CaseStatus.OPEN)
    agent = context.acting(Role.AID_AGENT, "caf_eure")
    today = datetime.date.today()
    for case, (resources, allocataire, granted) in zip(
        cases.order_by("reference"), DEMO_AID_REQUESTS, strict=False
    ):
        from_case = initial_from_case(case)
        from_case["birth_date"] = from_case.get("birth_date") or datetime.date(1990, 1, 1)
        sent = services.transmit_aid_request(
            officer,
            case,
            caisse=caf,
            victim_consents=True,
            bank_account=DEMO_IBAN,
            monthly_resources=resources,
            already_allocataire=allocataire,
            proof_kind=AidProof.COMPLAINT,
            proof_date=today - datetime.timedelta(days=3),
            criminal_case_ongoing=True,
            **from_case,
        )
        if granted:
            services.grant_aid(agent, sent)
