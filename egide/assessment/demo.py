"""Demo danger assessments for `egide demo`, made by the Évreux police officer on the cases of
the unit: the first three screened at high danger with the LAP (the court's demo then takes them
up: an OP request, an OPPI request, an order in force with a bracelet), one case assessed at high
danger with the French grid and no measure asked for yet, and the others assessed with DASH below
the MARAC threshold. Those still without a measure in force head the officer's "high danger
without a protection measure" worklist.

Idempotent: nothing is added once the unit's cases have an assessment.
"""

from egide.accounts.roles import Role
from egide.cases.choices import CaseStatus
from egide.cases.models import Case

from . import services
from .instruments import NO, YES, current_instrument
from .models import Assessment

UNIT = "police_evreux"
SCREENED_HIGH = 3
DASH_YES = 6  # well below the 14 "yes" of the MARAC threshold


def answers(instrument, yes) -> dict[str, str]:
    return {item.id: YES if item.id in yes else NO for item in instrument.items}


def populate(context) -> None:
    cases = list(
        Case.objects.filter(opening_agency=context.agencies[UNIT])
        .exclude(status=CaseStatus.CLOSED)
        .order_by("pk")
    )
    if not cases or Assessment.objects.filter(case__in=cases).exists():
        return
    officer = context.acting(Role.POLICE_OFFICER, UNIT)
    lap = current_instrument("lap-lethality-screen")
    grid = current_instrument("fr-police-grid")
    dash = current_instrument("safelives-dash")
    first_three = answers(lap, {item.id for item in lap.items[:3]})
    for case in cases[:SCREENED_HIGH]:
        services.record_assessment(
            officer, case, lap, answers=first_three, inputs={}, victim_fear=8
        )
    red = {item.id for item in grid.items if item.is_red}
    services.record_assessment(
        officer, cases[-1], grid, answers=answers(grid, red), inputs={}, victim_fear=9
    )
    some = answers(dash, {item.id for item in dash.items[:DASH_YES]})
    for case in cases[SCREENED_HIGH:-1]:
        services.record_assessment(
            officer,
            case,
            dash,
            answers=some,
            inputs={"recent_incidents": 1},
            victim_fear=5,
        )
