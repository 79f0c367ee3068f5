"""The national perpetrator index (in the spirit of the FPVIF): "known elsewhere".

When a case's suspected perpetrator appears in another case, the police, the parquet, the JAF
and the monitoring supervisor are told at the point of decision what they may know of that other
case — its département, its highest danger level, the measures in force, the agency to contact —
and never the other victim's identity, address or narrative: a `Signal` carries no person and no
case id, so no page, export or API can reach more. Each look-up that finds something is audited
and recorded (models.IndexLookup) so the other file's owner sees it on its worklist.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from egide.accounts.actor import Actor
from egide.accounts.roles import Role
from egide.assessment.levels import DangerLevel, rank
from egide.assessment.models import Assessment
from egide.audit.choices import Action
from egide.audit.services import record
from egide.cases.choices import CaseStatus, PersonRole
from egide.cases.matching import matching_people
from egide.devices import contact_bans
from egide.devices.models import AlarmPhoneAssignment, Pairing
from egide.justice.choices import MeasureKind
from egide.justice.models import ImmediateProtectionOrder, ProtectionOrder

from .models import IndexLookup

# Who decides on measures against the perpetrator (docs/architecture.md: police, parquet, JAF,
# supervisor).
INDEX_ROLES = frozenset(
    {Role.POLICE_OFFICER, Role.PROSECUTOR, Role.JUDGE, Role.MONITORING_SUPERVISOR}
)


@dataclass(frozen=True)
class Signal:
    """What a decision-maker may know of another case where the same man appears."""

    departement: str
    role_there: str
    highest_level: str
    measures: tuple[str, ...]
    agency: str
    court: str
    open: bool

    @property
    def role_label(self) -> str:
        return str(PersonRole(self.role_there).label)

    @property
    def level_label(self) -> str:
        return str(DangerLevel(self.highest_level).label) if self.highest_level else ""


def can_consult(membership) -> bool:
    return membership is not None and membership.role in INDEX_ROLES


def highest_level(case) -> str:
    assessments = Assessment.objects.filter(case=case).with_current_level()
    levels = assessments.values_list("current_level", flat=True)
    return max(levels, key=rank, default="")


def measures_in_force(case) -> tuple[str, ...]:
    now = timezone.now()
    found = []
    orders = ProtectionOrder.objects.filter(case=case).active()
    if orders.exists():
        found.append(str(ProtectionOrder._meta.verbose_name))
        if orders.filter(measures__kind=MeasureKind.CONTACT_BAN).exists():
            found.append(str(MeasureKind.CONTACT_BAN.label))
    if ImmediateProtectionOrder.objects.filter(case=case).active().exists():
        found.append(str(ImmediateProtectionOrder._meta.verbose_name))
    live = Q(valid_until__isnull=True) | Q(valid_until__gt=now)
    if Pairing.objects.filter(live, order__case=case, valid_from__lte=now).exists():
        found.append("BAR")
    found.extend(ban.label for ban in contact_bans.in_force(case))
    phones = AlarmPhoneAssignment.objects.filter(case=case, withdrawn_at__isnull=True)
    if phones.filter(ends_at__gt=now).exists():
        found.append("TGD")
    return tuple(found)


def _signal(other_case, role_there: str) -> Signal:
    return Signal(
        departement=other_case.departement,
        role_there=role_there,
        highest_level=highest_level(other_case),
        measures=measures_in_force(other_case),
        agency=other_case.opening_agency.name,
        court=other_case.court.name if other_case.court else "",
        open=other_case.status != CaseStatus.CLOSED,
    )


def known_elsewhere(actor: Actor, case) -> list[Signal]:
    """Signals for the other cases where `case`'s suspected perpetrator appears; each look-up
    that finds one is audited and told to that case's owner. Empty for other roles."""
    membership = actor.membership
    if not can_consult(membership):
        return []
    matches: dict[int, str] = {}
    for perpetrator in case.people.filter(role=PersonRole.PERPETRATOR):
        for other in matching_people(perpetrator):
            matches.setdefault(other.case_id, other.role)
    if not matches:
        return []
    others = type(case).objects.filter(pk__in=matches).select_related("opening_agency", "court")
    signals = []
    for other_case in others.order_by("-created_at"):
        signals.append(_signal(other_case, matches[other_case.pk]))
        _tell_owner(actor, case, other_case)
        record(actor, Action.READ, other_case, fields=["perpetrator_index"])
    return signals


def _tell_owner(actor: Actor, case, other_case) -> None:
    """The other file's owner hears of a look-up once a day per (case, other case, agency): each
    page view is audited, but a file read all day long does not fill the owner's worklist."""
    membership = actor.membership
    key = {"from_case": case, "matched_case": other_case, "agency": membership.agency}
    if IndexLookup.objects.filter(**key, at__date=timezone.localdate()).exists():
        return
    IndexLookup.objects.create(**key, looked_up_by=actor.user, role=membership.role)
