"""The missed opportunities that cross records: a high danger left without a protection measure,
a known risk factor left without the action that answers it (`risk_factors.py`).

A measure counts when it was in force at some moment between the moment the danger or the factor
became known and the end of the delay the rules give (`rules.py`); a measure put in place later
still leaves the line marked, since the victim went unprotected meanwhile. A delay that had not
run out when the case ended marks nothing.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from egide.assessment.instruments import YES
from egide.assessment.levels import HIGH_DANGER
from egide.assessment.models import Assessment
from egide.cases.models import Incident
from egide.criminal.choices import ObligationKind
from egide.criminal.models import Obligation
from egide.devices.models import AlarmPhoneAssignment, Pairing
from egide.justice.choices import PENDING_STATUSES, MeasureKind, OrderStatus
from egide.justice.models import ImmediateProtectionOrder, Measure, ProtectionOrder
from egide.justice.rules import end_of_day, start_of_day

from . import rules
from .choices import MissedKind
from .lines import Line, Missed
from .risk_factors import PROTECTION_MEASURE, WEAPON, WEAPONS_MEASURE, known_factors

WEAPONS_MEASURE_KINDS = (MeasureKind.WEAPONS_BAN, MeasureKind.WEAPONS_SURRENDER)
ACTION_LABELS = {
    PROTECTION_MEASURE: _("aucune mesure de protection"),
    WEAPONS_MEASURE: _("aucune interdiction de détenir une arme ni remise des armes"),
}


@dataclass(frozen=True)
class Period:
    start: datetime
    end: datetime | None

    def overlaps(self, start: datetime, end: datetime) -> bool:
        return self.start <= end and (self.end is None or self.end > start)


def _decided(orders):
    return orders.filter(decided_at__isnull=False).exclude(
        status__in=(*PENDING_STATUSES, OrderStatus.REJECTED)
    )


def protection_periods(case) -> list[Period]:
    """When a protection measure was in force: OP, OPPI, TGD, BAR, criminal contact ban."""
    periods = [
        Period(order.decided_at, order.ended_at)
        for model in (ProtectionOrder, ImmediateProtectionOrder)
        for order in _decided(model.objects.filter(case=case))
    ]
    periods += [
        Period(phone.granted_at, phone.withdrawn_at or phone.ends_at)
        for phone in AlarmPhoneAssignment.objects.filter(case=case)
    ]
    periods += [
        Period(pairing.valid_from, pairing.valid_until)
        for pairing in Pairing.objects.filter(order__case=case)
    ]
    return periods + _obligation_periods(case, ObligationKind.CONTACT_BAN)


def weapons_periods(case) -> list[Period]:
    """When a weapons ban or surrender was ordered (OP or OPPI measure, criminal obligation)."""
    measures = Measure.objects.filter(kind__in=WEAPONS_MEASURE_KINDS).filter(
        Q(protection_order__case=case) | Q(immediate_order__case=case)
    )
    periods = []
    for measure in measures.select_related("protection_order", "immediate_order"):
        order = measure.protection_order or measure.immediate_order
        if order.decided_at and order.status not in (*PENDING_STATUSES, OrderStatus.REJECTED):
            periods.append(Period(order.decided_at, order.ended_at))
    return periods + _obligation_periods(case, ObligationKind.WEAPONS_BAN)


def _obligation_periods(case, kind) -> list[Period]:
    return [
        Period(
            start_of_day(obligation.starts_on),
            obligation.ends_on and end_of_day(obligation.ends_on),
        )
        for obligation in Obligation.objects.filter(case=case, kind=kind)
    ]


def in_force(periods, start: datetime, end: datetime) -> bool:
    return any(period.overlaps(start, end) for period in periods)


def mark(case, until: datetime, lines: list[Line]) -> None:
    """Adds the cross-record missed opportunities to `lines` (the assessment or incident line
    where the danger or the factor became known)."""
    by_key = {line.key: line for line in lines}
    periods = {PROTECTION_MEASURE: protection_periods(case), WEAPONS_MEASURE: weapons_periods(case)}
    known = set()
    rows = Assessment.objects.filter(case=case, created_at__lte=until).select_related(
        "override__sign_off"
    )
    for assessment in rows.order_by("created_at", "id"):
        line = by_key.get(f"assessment:{assessment.pk}")
        if line is None:
            continue
        if assessment.final_level in HIGH_DANGER:
            _unprotected(line, assessment, periods[PROTECTION_MEASURE], until)
        for factor in known_factors(assessment.instrument_id, assessment.answers, YES):
            if factor.code not in known:
                known.add(factor.code)
                _unanswered(line, factor, assessment.created_at, periods, until)
    if WEAPON.code not in known:
        weapons = Incident.objects.filter(case=case, weapons_involved=True, recorded_at__lte=until)
        first = weapons.order_by("recorded_at", "id").first()
        if first is not None and f"incident:{first.pk}" in by_key:
            _unanswered(by_key[f"incident:{first.pk}"], WEAPON, first.recorded_at, periods, until)


def _unprotected(line, assessment, periods, until) -> None:
    delay = rules.unprotected_delay(assessment.created_at.date())
    deadline = assessment.created_at + delay
    if deadline <= until and not in_force(periods, assessment.created_at, deadline):
        line.missed.append(
            Missed(
                MissedKind.UNPROTECTED,
                _("Danger %(level)s sans aucune mesure de protection dans les %(days)s jours.")
                % {"level": assessment.get_final_level_display().lower(), "days": delay.days},
            )
        )


def _unanswered(line, factor, known_at, periods, until) -> None:
    delay = rules.risk_factor_delay(known_at.date())
    deadline = known_at + delay
    if deadline <= until and not in_force(periods[factor.answered_by], known_at, deadline):
        line.missed.append(
            Missed(
                MissedKind.RISK_FACTOR,
                _("%(factor)s : connu, et %(action)s dans les %(days)s jours.")
                % {
                    "factor": factor.label,
                    "action": ACTION_LABELS[factor.answered_by],
                    "days": delay.days,
                },
            )
        )
