"""A 3919 listener, a CIDFF of the caller's département, a CPCA, and call records."""

from egide.accounts.roles import AgencyKind, Role
from egide.helpline import services
from tests.factories import AgencyFactory, MembershipFactory, agency_for_role
from tests.justice.helpers import acting


def listener(departement="27"):
    return MembershipFactory(
        role=Role.HELPLINE_LISTENER, agency=agency_for_role(Role.HELPLINE_LISTENER, departement)
    )


def cidff(departement="27"):
    return AgencyFactory(kind=AgencyKind.ASSOCIATION, departement=departement)


def cpca(departement="27"):
    return AgencyFactory(kind=AgencyKind.CPCA, departement=departement)


def victim_call(member=None, departement="27"):
    member = member or listener()
    return services.record_victim_call(
        acting(member),
        departement=departement,
        violence_forms=["psychological", "physical"],
        danger="grave",
        orientation="local_structure",
    )


def handover_data(structure, **victim):
    return {
        "structure": structure,
        "consent": True,
        "victim": {"last_name": "Lefèvre", "first_name": "Inès", "birth_date": None, **victim},
        "safe_contact": {"phone": "06 12 34 56 78", "times_to_call": "matin", "code_word": ""},
    }
