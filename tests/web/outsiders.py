"""The web app's views, for the cross-domain "anonymous and outsiders are refused" test.

`allowed_role` None means any signed-in staff member; `public` views are open to everyone.
"""

VIEWS = [
    {"name": "web:home", "kwargs_factory": dict, "allowed_role": None, "public": False},
    {
        "name": "web:accessibility",
        "kwargs_factory": dict,
        "allowed_role": None,
        "public": True,
    },
    {
        "name": "web:legal_notice",
        "kwargs_factory": dict,
        "allowed_role": None,
        "public": True,
    },
    {
        "name": "web:personal_data",
        "kwargs_factory": dict,
        "allowed_role": None,
        "public": True,
    },
]
