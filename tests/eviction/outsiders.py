"""Eviction housing's views, for the cross-domain "anonymous and outsiders are refused" test.

Objects are created in département 27 (the factories' default): a member of the allowed role
elsewhere is an outsider.
"""

from egide.accounts.roles import Role
from tests.cases.factories import CaseFactory

from .factories import housing_operator, housing_request, place


def case_kwargs() -> dict:
    return {"pk": CaseFactory().pk}


def request_kwargs() -> dict:
    return {"pk": housing_request().pk}


def action_kwargs() -> dict:
    return {"pk": housing_request().pk, "action": "confirmer"}


def place_kwargs() -> dict:
    return {"pk": place(housing_operator()).pk}


def view(name, kwargs_factory=dict, allowed_role=None, **extra) -> dict:
    return {
        "name": name,
        "kwargs_factory": kwargs_factory,
        "allowed_role": allowed_role,
        "public": False,
        **extra,
    }


COURT = {"also_allowed": (Role.JUDGE,)}

VIEWS = [
    view("eviction:case_requests", case_kwargs, Role.PROSECUTOR, **COURT),
    # The court's own list and the operator's own places: each sees only its agency's.
    view("eviction:court_requests", allowed_role=Role.PROSECUTOR, territorial=False, **COURT),
    view("eviction:request_withdraw", request_kwargs, Role.PROSECUTOR, method="post", **COURT),
    view("eviction:places", allowed_role=Role.HOUSING_OPERATOR, territorial=False),
    view("eviction:place_add", allowed_role=Role.HOUSING_OPERATOR, territorial=False),
    view("eviction:place_update", place_kwargs, Role.HOUSING_OPERATOR, method="post"),
    view("eviction:request", request_kwargs, Role.HOUSING_OPERATOR),
    view("eviction:request_action", action_kwargs, Role.HOUSING_OPERATOR, method="post"),
]
