"""The directory's views, for the cross-domain "anonymous and outsiders are refused" test."""

from egide.accounts.roles import Role
from tests.cases.factories import CaseFactory


def case_kwargs() -> dict:
    return {"pk": CaseFactory().pk}


VIEWS = [
    {"name": "directory:find_help", "kwargs_factory": dict, "allowed_role": None, "public": True},
    {
        "name": "directory:case_orientation",
        "kwargs_factory": case_kwargs,
        "allowed_role": Role.POLICE_OFFICER,
        "public": False,
    },
]
