"""Support's views, for the cross-domain "anonymous and outsiders are refused" test.

Objects are created in département 27 (the factories' default): a member of the allowed role
elsewhere is an outsider.
"""

from egide.accounts.roles import AgencyKind, Role
from tests.cases.factories import CaseFactory
from tests.factories import AgencyFactory

from .factories import aid_request, allocation, plan_with_needs, shelter


def case_kwargs() -> dict:
    return {"pk": CaseFactory().pk}


def aid_kwargs() -> dict:
    return {"pk": aid_request().pk}


def decide_kwargs() -> dict:
    return {"pk": aid_request().pk, "decision": "accorder"}


def shelter_kwargs() -> dict:
    return {"pk": shelter().pk}


def allocation_kwargs() -> dict:
    return {"pk": allocation().pk, "action": "accepter"}


def need_kwargs() -> dict:
    plan = plan_with_needs([AgencyFactory(kind=AgencyKind.CAF)])
    return {"pk": plan.needs.get().pk}


def view(name, kwargs_factory=dict, allowed_role=None, **extra) -> dict:
    return {
        "name": name,
        "kwargs_factory": kwargs_factory,
        "allowed_role": allowed_role,
        "public": False,
        **extra,
    }


VIEWS = [
    view("support:aid_requests", allowed_role=Role.AID_AGENT, territorial=False),
    view("support:aid_request", aid_kwargs, Role.AID_AGENT),
    view("support:aid_request_decide", decide_kwargs, Role.AID_AGENT, method="post"),
    view("support:aid_request_create", case_kwargs, Role.POLICE_OFFICER),
    view("support:shelters", allowed_role=Role.SHELTER_MANAGER, territorial=False),
    view("support:shelter_capacity", shelter_kwargs, Role.SHELTER_MANAGER, method="post"),
    view("support:shelter_edit", shelter_kwargs, Role.SHELTER_MANAGER),
    # The register of shelters is national: an administrator of any département keeps it.
    view("support:shelter_register", allowed_role=Role.PLATFORM_ADMIN, territorial=False),
    view("support:shelter_register_add", allowed_role=Role.PLATFORM_ADMIN, territorial=False),
    view("support:shelter_register_edit", shelter_kwargs, Role.PLATFORM_ADMIN, territorial=False),
    view("support:allocation_action", allocation_kwargs, Role.SHELTER_MANAGER, method="post"),
    view("support:places_request", case_kwargs, Role.POLICE_OFFICER),
    view("support:plan", case_kwargs, Role.POLICE_OFFICER),
    view("support:partner_needs"),
    view("support:need_update", need_kwargs, Role.AID_AGENT, method="post"),
    # Dated parameters are national: an administrator of any département records them.
    view("support:parameters", allowed_role=Role.PLATFORM_ADMIN, territorial=False),
    view(
        "support:parameter_add",
        lambda: {"parameter": "rsa_single_person"},
        Role.PLATFORM_ADMIN,
        territorial=False,
    ),
]
