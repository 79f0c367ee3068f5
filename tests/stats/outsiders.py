"""The indicators' views, for the cross-domain "anonymous and outsiders are refused" test.

The analyst's pages are platform-wide (an analyst of a ministry or a prefecture reads any
territory's aggregates); the open-data files are public.
"""

from egide.accounts.roles import Role


def view(name, kwargs_factory=dict, allowed_role=Role.ANALYST, **extra) -> dict:
    return {
        "name": name,
        "kwargs_factory": kwargs_factory,
        "allowed_role": allowed_role,
        "public": False,
        "territorial": False,
        **extra,
    }


VIEWS = [
    view("stats:indicators"),
    view("stats:indicator", lambda: {"slug": "op-demandees"}),
    view("stats:open_data_csv", allowed_role=None, public=True),
    view("stats:open_data_json", allowed_role=None, public=True),
]
