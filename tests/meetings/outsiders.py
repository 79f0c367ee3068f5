"""Risk meetings' views, for the cross-domain "anonymous and outsiders are refused" test.

Meetings are convened in département 27 (the factories' default) by a procureur, with nobody
invited: a member of another role, or of the procureur's role elsewhere, is an outsider. Every
role that sits at risk meetings may open a meeting it is invited to; the organiser's pages are
the procureur's alone.
"""

from egide.accounts.roles import Role
from egide.cases.perms import CASE_FILE_ROLES
from egide.meetings.choices import MEMBER_ROLES
from tests.cases.factories import CaseFactory

from .factories import action, listed, meeting, organiser


def meeting_kwargs() -> dict:
    return {"pk": meeting().pk}


def decide_kwargs() -> dict:
    item = listed(meeting(), status="proposed")
    return {"pk": item.meeting_id, "item": item.pk, "decision": "accepter"}


def action_kwargs() -> dict:
    planned = meeting(organiser())
    case = CaseFactory()
    listed(planned, case)
    return {"pk": planned.pk, "action": action(planned, case, planned.organiser).pk}


def view(name, kwargs_factory=dict, allowed_role=Role.PROSECUTOR, **extra) -> dict:
    return {
        "name": name,
        "kwargs_factory": kwargs_factory,
        "allowed_role": allowed_role,
        "public": False,
        **extra,
    }


MEMBERS = {"also_allowed": tuple(MEMBER_ROLES - {Role.PROSECUTOR})}
# Members who read case files propose cases: not the SPIP, the monitoring centre nor housing.
READERS = {"also_allowed": tuple((MEMBER_ROLES & CASE_FILE_ROLES) - {Role.PROSECUTOR})}

VIEWS = [
    # Each member's own list: the meetings they organise or are invited to.
    view("meetings:list", territorial=False, **MEMBERS),
    view("meetings:schedule", territorial=False),
    view("meetings:detail", meeting_kwargs, **MEMBERS),
    view("meetings:propose", meeting_kwargs, **READERS),
    view("meetings:action_close", action_kwargs, method="post", **MEMBERS),
    view("meetings:invite", meeting_kwargs),
    view("meetings:list_case", meeting_kwargs, method="post"),
    view("meetings:decide", decide_kwargs, method="post"),
    view("meetings:action_add", meeting_kwargs),
    view("meetings:minutes", meeting_kwargs),
    view("meetings:close", meeting_kwargs, method="post"),
]
