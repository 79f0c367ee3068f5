"""Linked proceedings: the civil and criminal proceedings of one couple, across case files.

The same victim and perpetrator often appear in several cases (a complaint, then another; a case
opened by another unit). The known-perpetrator matching of the case file finds them; only the
cases the member may see are kept, so a linked case the member may not open is never revealed.
The greffe then sets them before the same judge on the same day (services.schedule_linked_hearings).
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from egide.cases.choices import PersonRole
from egide.cases.matching import matching_people
from egide.cases.perms import visible_cases
from egide.errors import RuleError

from . import perms
from .choices import HearingKind
from .models import FamilyProceeding, Hearing, ProtectionOrder

COUPLE_ROLES = (PersonRole.VICTIM, PersonRole.PERPETRATOR)


@dataclass(frozen=True)
class LinkedProceeding:
    """One proceeding of the couple and its hearing, if one is set."""

    key: str
    kind: str
    subject: ProtectionOrder | FamilyProceeding | Hearing
    hearing: Hearing | None

    @property
    def case(self):
        return self.subject.case

    @property
    def label(self) -> str:
        return str(HearingKind(self.kind).label)


def _cases_with(person) -> set[int]:
    """Cases where `person` appears as one of a couple (victim or perpetrator, either way)."""
    return {other.case_id for other in matching_people(person) if other.role in COUPLE_ROLES}


def couple_cases(case, membership):
    """This case and the other cases of the same couple, among those `membership` may see."""
    linked = {case.pk}
    victim, perpetrator = case.victim, case.perpetrator
    if victim is not None and perpetrator is not None:
        linked |= _cases_with(victim) & _cases_with(perpetrator)
    return visible_cases(membership).filter(pk__in=linked).order_by("created_at", "id")


def linked_proceedings(case, membership) -> list[LinkedProceeding]:
    """The couple's pending OP requests, undecided family proceedings and coming hearings."""
    cases = couple_cases(case, membership)
    orders = perms.visible_orders(membership).pending().filter(case__in=cases)
    families = FamilyProceeding.objects.filter(case__in=cases, decided_on__isnull=True)
    others = perms.visible_hearings(membership).filter(
        case__in=cases,
        at__gte=timezone.now(),
        protection_order__isnull=True,
        family_proceeding__isnull=True,
    )
    hearings = perms.visible_hearings(membership).select_related("judge")
    proceedings = [
        LinkedProceeding(
            f"op-{order.pk}", HearingKind.PROTECTION_ORDER, order, _first(hearings, order)
        )
        for order in orders.select_related("case")
    ]
    proceedings += [
        LinkedProceeding(
            f"family-{family.pk}", HearingKind.FAMILY, family, _first(hearings, family)
        )
        for family in families.select_related("case")
    ]
    proceedings += [
        LinkedProceeding(f"hearing-{hearing.pk}", hearing.kind, hearing, hearing)
        for hearing in others.select_related("case", "judge")
    ]
    return proceedings


def _first(hearings, subject) -> Hearing | None:
    field = "protection_order" if isinstance(subject, ProtectionOrder) else "family_proceeding"
    return hearings.filter(**{field: subject}).first()


def coming_hearings(proceedings: list[LinkedProceeding], now: datetime) -> list[Hearing]:
    return [p.hearing for p in proceedings if p.hearing is not None and p.hearing.at >= now]


def is_aligned(proceedings: list[LinkedProceeding], now: datetime | None = None) -> bool:
    """True when the coming hearings of the couple are all on one day before one judge."""
    now = now or timezone.now()
    slots = {
        (timezone.localdate(hearing.at), hearing.judge_id)
        for hearing in coming_hearings(proceedings, now)
    }
    return len(slots) <= 1


def misaligned_couples(membership) -> list[tuple]:
    """(case, first coming hearing) for each couple whose coming hearings are split: the board."""
    now = timezone.now()
    with_hearings = (
        perms.visible_hearings(membership).filter(at__gte=now).values_list("case_id", flat=True)
    )
    seen: set[int] = set()
    split = []
    for case in visible_cases(membership).filter(pk__in=with_hearings).order_by("id"):
        if case.pk in seen:
            continue
        proceedings = linked_proceedings(case, membership)
        seen |= {p.case.pk for p in proceedings} | {case.pk}
        if not is_aligned(proceedings, now):
            split.append((case, min(h.at for h in coming_hearings(proceedings, now))))
    return split


def schedulable(proceedings: list[LinkedProceeding], membership) -> list[LinkedProceeding]:
    """Those the member may set a hearing for: her own court's."""
    return [p for p in proceedings if perms.can_set_hearing(membership, p.case)]


def pick(proceedings: list[LinkedProceeding], keys) -> list[LinkedProceeding]:
    """The proceedings named by `keys`; an unknown key is refused rather than skipped."""
    by_key = {p.key: p for p in proceedings}
    unknown = [key for key in keys if key not in by_key]
    if unknown:
        raise RuleError(_("Procédure inconnue : %(keys)s.") % {"keys": ", ".join(unknown)})
    return [by_key[key] for key in dict.fromkeys(keys)]
