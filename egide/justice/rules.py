"""The legal rules of protection orders and breach reports: named, dated data with their source.

How time is counted (decided here, once, for the whole product):
- A delay in days is counted in calendar days in Europe/Paris: the day of the triggering event is
  not counted and the delay ends at midnight at the end of its last day (CPC 641 and 642 al. 1).
  Saturdays, Sundays and public holidays are NOT skipped and the last day is NOT carried over to
  the next working day (CPC 642 al. 2 extends the parties' delays, not the judge's): the board
  shows the strictest date, since a late order leaves the victim unprotected.
- A delay in hours (OPPI) is counted in elapsed hours from the moment of the request, whatever
  the clock change.
- A duration in months ends on the same day of the month (the last day of a shorter month).
"""

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egide.errors import RuleError


@dataclass(frozen=True)
class Dated:
    """One version of a rule: `value` applies to events on or after `since`."""

    since: date
    value: object
    source: str


class RuleNotInForce(RuleError, ValueError):
    """A date before the first version of a dated rule: the user's input, not a fault. Pages
    show it as a form error and the API as a 422, like any other rule's refusal."""

    def __init__(self, first: Dated, on: date):
        super().__init__(
            _("Aucune règle ne s'applique au %(on)s : %(source)s s'applique depuis le %(since)s."),
            code="rule_not_in_force",
            params={
                "on": f"{on:%d/%m/%Y}",
                "source": first.source,
                "since": f"{first.since:%d/%m/%Y}",
            },
        )


def in_force(versions: tuple[Dated, ...], on: date) -> Dated:
    """The version of a rule that applies on `on` (versions are listed oldest first)."""
    applicable = [version for version in versions if version.since <= on]
    if not applicable:
        raise RuleNotInForce(versions[0], on)
    return applicable[-1]


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def start_of_day(day: date) -> datetime:
    """Midnight at the start of `day` in the court's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


def end_of_day(day: date) -> datetime:
    """The last instant of `day` in the court's time zone (a delay "ends at midnight")."""
    next_day = datetime.combine(day + timedelta(days=1), time.min)
    return timezone.make_aware(next_day) - timedelta(microseconds=1)


def days_delay_end(start: datetime, days: int) -> datetime:
    """End of a delay of `days` calendar days starting at `start` (CPC 641, 642 al. 1)."""
    return end_of_day(timezone.localdate(start) + timedelta(days=days))


# C. civ. 515-11 al. 1 (loi 2019-1480 du 28 décembre 2019): the OP is delivered "dans un délai
# maximal de six jours à compter de la fixation de la date de l'audience".
OP_DECISION_DAYS = (Dated(date(2019, 12, 30), 6, "C. civ. art. 515-11 (loi 2019-1480)"),)

# C. civ. 515-13-1 (loi 2024-536 du 13 juin 2024, décret 2025-47): the JAF rules on an OPPI
# within 24 hours of being seized by the procureur.
OPPI_DECISION_HOURS = (
    Dated(date(2025, 1, 24), 24, "C. civ. art. 515-13-1 (loi 2024-536, décret 2025-47)"),
)

# C. civ. 515-12: measures last at most N months from the notification of the order. Six months
# (loi 2010-769), twelve since the loi 2024-536 du 13 juin 2024 (in force on 15 June 2024, the day
# after its publication; to verify for orders requested before). Chosen by the decision date.
OP_DURATION_MONTHS = (
    Dated(date(2010, 10, 1), 6, "C. civ. art. 515-12 (loi 2010-769)"),
    Dated(date(2024, 6, 15), 12, "C. civ. art. 515-12 (loi 2024-536 du 13 juin 2024)"),
)

# C. civ. 515-12: the measures are extended beyond that term when, during it, a divorce or a
# séparation de corps is filed, or the JAF is seized of a parental-authority request. They then
# last until that proceeding is decided.
EXTENDING_PROCEEDINGS = ("divorce", "legal_separation", "parental_authority")

# C. civ. 378-2 (loi 2024-233 du 18 mars 2024): the parental authority and the visiting and
# staying rights of a parent prosecuted for a crime against the other parent are suspended by
# law until the judge rules, for at most six months from the procureur's decision (to verify).
AUTOMATIC_SUSPENSION_MONTHS = (
    Dated(date(2024, 3, 20), 6, "C. civ. art. 378-2 (loi 2024-233 du 18 mars 2024)"),
)

# Platform rule (no legal text sets it): the procureur acknowledges a breach report within this
# delay or it escalates. Configurable with the setting BREACH_ACKNOWLEDGEMENT_MINUTES.
DEFAULT_BREACH_ACKNOWLEDGEMENT = timedelta(hours=1)

# Platform rule: reminders to the court before a decision deadline.
REMINDER_LEADS = {
    "op_decision": timedelta(days=2),
    "oppi_decision": timedelta(hours=6),
    "op_expiry": timedelta(days=30),
}


def op_decision_due(hearing_set_at: datetime) -> datetime:
    days = in_force(OP_DECISION_DAYS, timezone.localdate(hearing_set_at)).value
    return days_delay_end(hearing_set_at, days)


def oppi_decision_due(requested_at: datetime) -> datetime:
    hours = in_force(OPPI_DECISION_HOURS, timezone.localdate(requested_at)).value
    # In UTC: aware arithmetic in a local zone would count wall-clock hours across DST.
    return requested_at.astimezone(UTC) + timedelta(hours=hours)


def op_duration_months(decided_on: date) -> int:
    return in_force(OP_DURATION_MONTHS, decided_on).value


def op_base_end(notified_at: datetime, decided_on: date) -> datetime:
    """The end of an OP's measures without extension: N months after notification, at midnight."""
    last_day = add_months(timezone.localdate(notified_at), op_duration_months(decided_on))
    return end_of_day(last_day)


def op_end(notified_at: datetime, decided_on: date, proceedings) -> datetime | None:
    """When an OP ends, given the family proceedings (kind, filed_on, decided_on) of the couple.

    None means "until a pending divorce / parental-authority proceeding is decided".
    """
    end = op_base_end(notified_at, decided_on)
    for kind, filed_on, proceeding_decided_on in proceedings:
        if kind not in EXTENDING_PROCEEDINGS:
            continue
        if not timezone.localdate(notified_at) <= filed_on <= timezone.localdate(end):
            continue
        if proceeding_decided_on is None:
            return None
        end = max(end, end_of_day(proceeding_decided_on))
    return end


def automatic_suspension_end(prosecuted_on: date) -> datetime:
    months = in_force(AUTOMATIC_SUSPENSION_MONTHS, prosecuted_on).value
    return end_of_day(add_months(prosecuted_on, months))


def breach_acknowledgement_delay() -> timedelta:
    minutes = getattr(settings, "BREACH_ACKNOWLEDGEMENT_MINUTES", None)
    return DEFAULT_BREACH_ACKNOWLEDGEMENT if minutes is None else timedelta(minutes=int(minutes))


# C. pén. art. 226-14 3° (loi 2020-936 du 30 juillet 2020): a doctor or other health professional
# may report to the procureur, without the adult victim's agreement, violence within the couple
# when he or she considers in good conscience that it puts her life in immediate danger AND that
# she is not able to protect herself because of the hold the perpetrator exerts. The professional
# must try to obtain her agreement and, failing that, inform her of the report.
HEALTH_REPORT_IN_FORCE_SINCE = date(2020, 7, 31)
HEALTH_REPORT_SOURCE = "C. pén. art. 226-14 3° (loi 2020-936 du 30 juillet 2020)"


def health_report_acknowledgement_delay() -> timedelta:
    """A 226-14 report says her life is in immediate danger: acknowledged like a breach."""
    return breach_acknowledgement_delay()
