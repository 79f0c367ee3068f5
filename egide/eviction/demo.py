"""Demo data of eviction housing: the places of the Eure's operator, one perpetrator housed and
one request waiting for a place. Everything goes through the services (the distance rule
applies). Idempotent: places are keyed by name, and requests are made once."""

from datetime import timedelta

from django.utils import timezone

from egide.accounts.roles import Role
from egide.cases.choices import CaseStatus, PersonRole
from egide.cases.models import Case
from egide.errors import RuleError

from . import services
from .choices import LegalBasis
from .models import HousingPlace, HousingRequest

OPERATOR = "logement_auteurs_eure"
COURT = "tj_evreux"
DEMO_PLACES = (
    ("Studio Saint-Louis", "5 rue Saint-Louis, 27000 Évreux", 1),
    ("Studio des Halles", "14 rue Thiers, 27300 Bernay", 1),
    ("Appartement du Canon", "12 rue du Canon, 27130 Verneuil d'Avre et d'Iton", 2),
    ("Chambre de la Risle", "3 place Victor Hugo, 27500 Pont-Audemer", 1),
    ("Studio de la Levrière", "8 rue de Vienne, 27140 Gisors", 1),
)


def populate(context) -> None:
    operator = context.acting(Role.HOUSING_OPERATOR, OPERATOR)
    for label, address, capacity in DEMO_PLACES:
        if not HousingPlace.objects.filter(operator=operator.agency, label=label).exists():
            services.add_place(operator, label=label, address=address, capacity=capacity)
    if HousingRequest.objects.filter(operator=operator.agency).exists():
        return
    prosecutor = context.acting(Role.PROSECUTOR, COURT)
    candidates = (
        Case.objects.filter(
            court=context.agencies[COURT],
            status=CaseStatus.OPEN,
            people__role=PersonRole.PERPETRATOR,
        )
        .exclude(address_hidden=True)
        .distinct()
        .order_by("-pk")
    )
    # Cases whose file locates her home, so that the platform can check the places.
    cases = [case for case in candidates if case.victim and case.victim.address][:2]
    if len(cases) < 2:
        return
    leave_by = timezone.localdate() + timedelta(days=2)
    made = [
        services.request_housing(
            prosecutor,
            case,
            operator=operator.agency,
            legal_basis=basis,
            leave_by=leave_by,
        )
        for case, basis in zip(
            cases, (LegalBasis.JUDICIAL_SUPERVISION, LegalBasis.ALTERNATIVE_MEASURE), strict=True
        )
    ]
    # The first is housed; the second waits for the operator's proposal.
    house(operator, made[0])


def house(operator, housing_request) -> None:
    """The operator tries its places in turn until one is compatible, confirms it, and records
    his arrival, as it would on its page."""
    for place in HousingPlace.objects.filter(operator=housing_request.operator).order_by("pk"):
        try:
            services.propose_place(operator, housing_request, place)
        except RuleError:
            continue
        services.confirm_allocation(operator, housing_request)
        services.record_arrival(operator, housing_request)
        return
