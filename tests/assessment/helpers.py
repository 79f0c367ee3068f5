"""Answer sheets and cases for the assessment tests."""

import itertools

from egide.accounts.roles import Role
from egide.assessment import services
from egide.assessment.instruments import NO, UNKNOWN, YES, current_instrument
from egide.cases.models import Case
from tests.factories import MembershipFactory, acting

_references = itertools.count(1)


def grid():
    return current_instrument("fr-police-grid")


def lap():
    return current_instrument("lap-lethality-screen")


def dash():
    return current_instrument("safelives-dash")


def sheet(instrument, yes=(), unknown=(), default=NO) -> dict[str, str]:
    """Every item answered `default`, except those listed as yes or unknown."""
    answers = {item.id: default for item in instrument.items}
    answers.update(dict.fromkeys(yes, YES))
    answers.update(dict.fromkeys(unknown, UNKNOWN))
    return answers


def first_ids(instrument, count, *, red=None):
    """The ids of the first `count` items, optionally only red (True) or only not red (False)."""
    items = [i for i in instrument.items if red is None or i.is_red == red]
    return [item.id for item in items[:count]]


def make_case(agency=None) -> Case:
    """A case opened by `agency` (a new police unit in département 27 by default)."""
    agency = agency or MembershipFactory().agency
    return Case.objects.create(
        reference=f"TEST-{next(_references):06d}",
        departement=agency.departement,
        court=agency.jurisdiction,
        opening_agency=agency,
    )


def officer_and_case():
    """A police officer and a case of their unit."""
    officer = MembershipFactory(role=Role.POLICE_OFFICER)
    return officer, make_case(officer.agency)


def record(membership, case, instrument, **kwargs):
    kwargs.setdefault("answers", sheet(instrument))
    kwargs.setdefault("inputs", {})
    return services.record_assessment(acting(membership), case, instrument, **kwargs)
