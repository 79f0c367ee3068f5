"""The devices domain's periodic reminders on huey, sent once each (justice's `send_once`).

A procureur hears when a TGD grant ends within a month (the renewal is theirs to decide), and the
monitoring centre when a phone's 15-day test is due. The selections are `services.renewals_due`
and `services.tests_due`, so the board, the worklists and these e-mails never disagree.
"""

from collections.abc import Iterator
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from egide.accounts.models import Membership
from egide.accounts.roles import Role
from egide.justice.reminders import Reminder, court_members, send_once

from . import perms, services


def device_deadlines(now: datetime) -> Iterator[Reminder]:
    for assignment in services.renewals_due(now).select_related("case"):
        yield Reminder(
            f"tgd-end:{assignment.pk}",
            _("Renouvellement d'un TGD à décider — dossier %(reference)s")
            % {"reference": assignment.case.reference},
            assignment.ends_at,
            court_members(assignment.court_id, roles={Role.PROSECUTOR}),
        )
    monitoring = Membership.objects.filter(role__in=perms.MONITORING_ROLES)
    for phone in services.tests_due(now):
        yield Reminder(
            f"tgd-test:{phone.pk}",
            _("Test du téléphone grave danger %(device)s") % {"device": phone.device_id},
            # A phone never tested is due since it entered the inventory: one reminder until tested.
            services.next_test_due(phone) or phone.created_at,
            monitoring,
        )


def send_device_reminders(now: datetime | None = None) -> int:
    now = now or timezone.now()
    return send_once(device_deadlines(now), now)


@db_periodic_task(crontab(minute="*"))
def device_reminders() -> None:
    send_device_reminders()
