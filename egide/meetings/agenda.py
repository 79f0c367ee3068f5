"""What each member is shown of a meeting's agenda.

Every case is read through the case file's own doors (`egide.cases.perms.case_accesses`) and its
one reader (`CaseDisclosure`): a member sees of a case on the agenda exactly what their role may
read of it on the platform, and each case shown with personal data gets its audit entry. A member
who may not open the case gets a pseudonymous line: reference, danger level, why it is listed.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from egide.accounts.actor import Actor
from egide.assessment.levels import DangerLevel
from egide.assessment.services import with_current_level
from egide.audit.services import append_all
from egide.cases.disclosure import CaseDisclosure
from egide.cases.models import Case
from egide.cases.perms import case_accesses

from . import perms
from .models import AgendaItem, RiskMeeting


@dataclass
class AgendaLine:
    item: AgendaItem
    case: Case
    danger_level: str
    # Whether the member may open the case: only then are the fields below filled.
    readable: bool = False
    victim: dict | None = None
    latest_incident: object = None
    actions: list = field(default_factory=list)


def level_label(level: str | None) -> str:
    return str(DangerLevel(level).label) if level else "—"


def agenda_lines(actor: Actor, meeting: RiskMeeting, items) -> list[AgendaLine]:
    """The lines of `items` (agenda items of `meeting`) as `actor` may see them."""
    items = list(items)
    cases = {
        case.pk: case
        for case in with_current_level(Case.objects.filter(pk__in=[i.case_id for i in items]))
        .select_related("safe_contact")
        .prefetch_related("people", "incidents")
    }
    membership = actor.membership
    accesses = case_accesses(membership, list(cases.values()))
    lines, entries = [], []
    for item in items:
        case = cases[item.case_id]
        access = accesses[case.pk]
        line = AgendaLine(item, case, level_label(case.danger_level), readable=access is not None)
        if access is not None:
            disclosure = CaseDisclosure(membership, case, access)
            victim = case.victim
            line.victim = disclosure.person(victim) if victim is not None else None
            line.latest_incident = next(iter(disclosure.incidents()), None)
            entries.append(disclosure.audit_entry(actor))
        lines.append(line)
    append_all(entries)
    readable = [case_id for case_id, access in accesses.items() if access is not None]
    actions = defaultdict(list)
    for action in perms.actions_shown(membership, meeting, list(cases), readable):
        actions[action.case_id].append(action)
    for line in lines:
        line.actions = actions[line.case.pk]
    return lines
