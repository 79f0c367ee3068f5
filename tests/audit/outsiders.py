"""Audit views for the generic outsider test (tests/security/test_outsiders.py).

The auditor's scope is the whole platform, so an auditor of another territory is not an outsider.
"""

from egide.accounts.roles import Role

VIEWS = [
    {
        "name": "audit:log",
        "kwargs_factory": dict,
        "allowed_role": Role.AUDITOR,
        "public": False,
        "territorial": False,
    },
    {
        "name": "audit:object",
        "kwargs_factory": lambda: {"object_type": "cases.case", "object_id": "1"},
        "allowed_role": Role.AUDITOR,
        "public": False,
        "territorial": False,
    },
    {
        "name": "audit:export",
        "kwargs_factory": dict,
        "allowed_role": Role.AUDITOR,
        "public": False,
        "territorial": False,
    },
]
