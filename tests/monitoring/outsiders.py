"""The monitoring centre's views, for the cross-domain "outsiders are refused" test.

The centre is national (not territorial). Console views serve operators AND supervisors, so they
are declared with `allowed_role` None; tests/monitoring/test_console.py checks that every other
role is refused. Intake endpoints have no session: they are "public" to the generic test (no
login redirect) and authenticated by each device's secret (tests/monitoring/test_intake.py).
"""

from egide.accounts.roles import Role


def incident_kwargs() -> dict:
    from .helpers import open_incident

    return {"pk": open_incident().pk}


def action_kwargs() -> dict:
    return {**incident_kwargs(), "action": "acknowledge"}


def view(name, kwargs_factory=dict, **extra) -> dict:
    return {
        "name": name,
        "kwargs_factory": kwargs_factory,
        "allowed_role": None,
        "public": False,
        "territorial": False,
        **extra,
    }


def device_endpoint(name, method) -> dict:
    return {
        "name": name,
        "kwargs_factory": dict,
        "allowed_role": None,
        "public": True,
        "method": method,
    }


VIEWS = [
    view("monitoring:console"),
    view("monitoring:queue"),
    view("monitoring:stream"),
    view("monitoring:incident", incident_kwargs),
    view("monitoring:incident_action", action_kwargs, method="post"),
    view("monitoring:incident_map", incident_kwargs),
    view("monitoring:health"),
    view("monitoring:basemap_tile", lambda: {"z": 11, "x": 1030, "y": 702}),
    # The demo's dispatch room (404 outside the demo), for police officers.
    {**view("monitoring:police_room"), "allowed_role": Role.POLICE_OFFICER},
    device_endpoint("monitoring:intake_osmand", "get"),
    device_endpoint("monitoring:intake_traccar", "post"),
    device_endpoint("monitoring:intake_batch", "post"),
    device_endpoint("monitoring:intake_osmand_bare", "post"),
    device_endpoint("monitoring:intake_traccar_bare", "post"),
    device_endpoint("monitoring:intake_batch_bare", "post"),
]
