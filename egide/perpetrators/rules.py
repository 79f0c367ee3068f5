"""The deadlines of perpetrator programmes: named, dated data with their source.

No national text sets how soon a CPCA tells the ordering authority of a missed session or of the
end of a programme: the stage's articles (C. pén. R. 131-51-1 and R. 131-51-2) set its content,
not its reporting. These delays are the platform's rule, chosen so that an unexcused absence
reaches the magistrate while a sanction of the breach is still useful. They count calendar days
as justice/rules.py does (the day of the event not counted, the delay ending at midnight).
"""

from datetime import date, datetime

from django.utils import timezone

from egide.justice.rules import Dated, days_delay_end, in_force

from .choices import ReportKind

PLATFORM_RULE = "Règle de la plateforme (aucun texte national ne fixe ce délai)"

# Since the first CPCA opened after the national call for projects of 24 July 2020.
UNEXCUSED_ABSENCE_REPORT_DAYS = (Dated(date(2020, 7, 24), 5, PLATFORM_RULE),)
END_OF_PROGRAMME_REPORT_DAYS = (Dated(date(2020, 7, 24), 15, PLATFORM_RULE),)

REPORT_DELAYS = {
    ReportKind.UNEXCUSED_ABSENCE: UNEXCUSED_ABSENCE_REPORT_DAYS,
    ReportKind.INTERRUPTION: UNEXCUSED_ABSENCE_REPORT_DAYS,
    ReportKind.COMPLETION: END_OF_PROGRAMME_REPORT_DAYS,
}


def report_due(kind: str, event_at: datetime) -> datetime:
    """When the report of an event (`event_at`, aware) must have reached the ordering authority."""
    days = in_force(REPORT_DELAYS[kind], timezone.localdate(event_at)).value
    return days_delay_end(event_at, days)
