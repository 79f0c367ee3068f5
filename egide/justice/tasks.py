"""The justice domain's periodic jobs on huey (`egide run_huey` runs them; `egide demo` too).

Every minute, because a breach's acknowledgement delay (one hour by default) must be escalated
within a minute of running out. The task runs the very function of `egide justice tick`; each job
is idempotent (compare-and-set updates, reminders recorded once), so overlapping runs are safe.
"""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from . import reminders


@db_periodic_task(crontab(minute="*"))
def justice_tick() -> None:
    reminders.tick()
