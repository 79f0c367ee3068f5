"""Demo calls for `egide demo`: anonymous 3919 calls, one handed over to the CIDFF de l'Eure with
her consent, and a "Ne frappez pas" caller handed over to the CPCA de l'Eure. Idempotent."""

from egide.accounts.roles import Role

from . import services
from .models import PerpetratorCall, VictimCall

LINE = "helpline_3919"
CALLS = (
    ("27", ["psychological", "economic"], "present", "local_structure"),
    ("14", ["physical", "threats"], "grave", "police"),
    ("76", ["coercive_control"], "none_found", "listening_only"),
    ("27", ["physical", "sexual"], "immediate", "police"),
)


def populate(context) -> None:
    if VictimCall.objects.filter(agency=context.agencies[LINE]).exists():
        return
    listener = context.acting(Role.HELPLINE_LISTENER, LINE)
    for departement, forms, danger, orientation in CALLS:
        services.record_victim_call(
            listener,
            departement=departement,
            violence_forms=forms,
            danger=danger,
            orientation=orientation,
        )
    call = services.record_victim_call(
        listener,
        departement="27",
        violence_forms=["psychological", "cyber_surveillance"],
        danger="grave",
        orientation="local_structure",
    )
    services.hand_over(
        listener,
        call,
        structure=context.agencies["cidff_eure"],
        consent=True,
        victim={
            "last_name": context.faker.last_name(),
            "first_name": context.faker.first_name_female(),
            "birth_date": None,
        },
        safe_contact={"phone": "06 48 15 16 23", "times_to_call": "En semaine, 10 h – 12 h"},
    )
    if not PerpetratorCall.objects.exists():
        services.record_perpetrator_call(
            listener,
            departement="27",
            caller="perpetrator",
            violence_forms=["psychological"],
            orientation="cpca",
            handover={
                "cpca": context.agencies["cpca_eure"],
                "first_name": "Karim",
                "phone": "07 61 42 53 64",
                "times_to_call": "Le soir",
            },
        )
