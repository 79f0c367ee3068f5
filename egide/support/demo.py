"""Demo data of support: the shelters of the Eure's demo operator. Idempotent (keyed by name)."""

from .choices import ShelterKind
from .models import Shelter

DEMO_SHELTERS = (
    ("Résidence Les Tilleuls — Évreux", ShelterKind.EMERGENCY, 12, True, True),
    ("Maison Olympe — Louviers", ShelterKind.INTEGRATION, 8, False, True),
    ("Appartements relais — Vernon", ShelterKind.TEMPORARY_HOUSING, 6, True, True),
)


def populate(context) -> None:
    operator = context.agencies["shelter_eure"]
    for name, kind, capacity, accessible, accepts_children in DEMO_SHELTERS:
        Shelter.objects.update_or_create(
            operator=operator,
            name=name,
            defaults={
                "kind": kind,
                "departement": operator.departement,
                "capacity": capacity,
                "accessible": accessible,
                "accepts_children": accepts_children,
            },
        )
