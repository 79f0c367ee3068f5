"""The device views, for the cross-domain "anonymous and outsiders are refused" test.

The monitoring centre is national: its views are not territorial. Court views use a case of
département 27.
"""

from egide.accounts.roles import Role
from tests.justice.outsiders import case_kwargs


def device_kwargs() -> dict:
    from .helpers import stock

    return {"device_pk": stock().pk}


def pairing_kwargs() -> dict:
    from .helpers import active_pairing

    return {"pairing_pk": active_pairing().pk}


def criminal_pairing_kwargs() -> dict:
    from .helpers import criminal_pairing

    return {"pairing_pk": criminal_pairing().pk}


def assignment_kwargs() -> dict:
    from egide.devices import services
    from tests.cases.factories import CaseFactory
    from tests.justice.helpers import court_of

    from .helpers import stock
    from .test_alarm_phones import grant

    case = CaseFactory()
    assignment = services.grant_alarm_phone(court_of(case).prosecutor, case, stock(), grant())
    return {"assignment_pk": assignment.pk}


def view(name, role, kwargs_factory=dict, **extra) -> dict:
    return {
        "name": name,
        "kwargs_factory": kwargs_factory,
        "allowed_role": role,
        "public": False,
        **extra,
    }


VIEWS = [
    # The inventory (monitoring centre) or the court's devices (procureur, JAF, greffe).
    view("devices:list", None),
    view("devices:add", Role.MONITORING_SUPERVISOR, territorial=False),
    view(
        "devices:status",
        Role.MONITORING_SUPERVISOR,
        device_kwargs,
        method="post",
        territorial=False,
    ),
    # Installation settings and secrets: the supervisor, who manages the inventory.
    view("devices:installation", Role.MONITORING_SUPERVISOR, device_kwargs, territorial=False),
    view(
        "devices:secret_rotate",
        Role.MONITORING_SUPERVISOR,
        device_kwargs,
        method="post",
        territorial=False,
    ),
    view(
        "devices:secret_revoke",
        Role.MONITORING_SUPERVISOR,
        device_kwargs,
        method="post",
        territorial=False,
    ),
    # Operators and supervisors both test phones.
    view("devices:test", None, device_kwargs),
    view("devices:pairings", None),
    view("devices:pairing", Role.JUDGE, pairing_kwargs),
    view("devices:exemption_add", Role.JUDGE, pairing_kwargs, method="post"),
    view("devices:zone_add", Role.JUDGE, pairing_kwargs, method="post"),
    view("devices:bracelet_renew", Role.JUDGE, criminal_pairing_kwargs, method="post"),
    view("devices:phone_grant", Role.PROSECUTOR, case_kwargs),
    view("devices:bracelet_order", Role.JUDGE, case_kwargs),
    view("devices:assignment", Role.PROSECUTOR, assignment_kwargs),
    view("devices:assignment_renew", Role.PROSECUTOR, assignment_kwargs, method="post"),
    view("devices:assignment_withdraw", Role.PROSECUTOR, assignment_kwargs, method="post"),
    view("devices:assignment_keep_positions", Role.PROSECUTOR, assignment_kwargs, method="post"),
]
