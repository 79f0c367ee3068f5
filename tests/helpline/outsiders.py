"""The helpline door's views, for the cross-domain "anonymous and outsiders are refused" test.

A call belongs to the line that recorded it (in département 27): a listener of another line is an
outsider; a CPCA reads only the hand-overs addressed to it.
"""

from egide.accounts.roles import Role


def call_kwargs() -> dict:
    from .helpers import listener, victim_call

    return {"call_pk": victim_call(listener()).pk}


def handover_kwargs() -> dict:
    from egide.helpline import services
    from tests.justice.helpers import acting

    from .helpers import cpca, listener

    call = services.record_perpetrator_call(
        acting(listener()),
        departement="27",
        caller="perpetrator",
        violence_forms=[],
        orientation="cpca",
        handover={"cpca": cpca(), "first_name": "Marc", "phone": "0600000000", "times_to_call": ""},
    )
    return {"handover_pk": call.handover.pk}


def view(name, role, kwargs_factory=dict, **extra) -> dict:
    return {
        "name": name,
        "kwargs_factory": kwargs_factory,
        "allowed_role": role,
        "public": False,
        **extra,
    }


VIEWS = [
    view("helpline:calls", Role.HELPLINE_LISTENER, territorial=False),
    view("helpline:victim_call", Role.HELPLINE_LISTENER, territorial=False),
    view("helpline:perpetrator_call", Role.HELPLINE_LISTENER, territorial=False),
    view("helpline:handover", Role.HELPLINE_LISTENER, call_kwargs),
    view("helpline:cpca_handovers", Role.CPCA_WORKER, territorial=False),
    view("helpline:cpca_called_back", Role.CPCA_WORKER, handover_kwargs, method="post"),
]
