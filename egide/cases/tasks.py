"""The case file's periodic reminder on huey: evidence whose retention date nears, to its keeper.

Sent once per record and date (justice's `send_once`); the e-mail names the case reference and
the date only, never what is kept nor where.
"""

from collections.abc import Iterator
from datetime import datetime, time

from django.utils import timezone
from django.utils.translation import gettext as _
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from egide.accounts.models import Membership
from egide.justice.reminders import Reminder, send_once

from . import evidence, perms


def retention_deadlines(now: datetime) -> Iterator[Reminder]:
    lapsing = evidence.retention_lapsing(timezone.localdate(now)).select_related("case")
    for record in lapsing:
        yield Reminder(
            f"evidence-retention:{record.pk}",
            _("Fin de conservation de preuves — dossier %(reference)s")
            % {"reference": record.case.reference},
            timezone.make_aware(datetime.combine(record.keep_until, time(23, 59))),
            Membership.objects.filter(
                agency_id=record.keeper_id, role__in=perms.EVIDENCE_KEEPER_ROLES
            ),
        )


def send_retention_reminders(now: datetime | None = None) -> int:
    now = now or timezone.now()
    return send_once(retention_deadlines(now), now)


@db_periodic_task(crontab(minute="0"))
def evidence_retention_reminders() -> None:
    send_retention_reminders()
