"""The purge on huey: every night at 3:10, what each kind's retention has ended is deleted.

The task runs the very function of `egide purge`; a second run finds nothing more to delete.
"""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from . import purge


@db_periodic_task(crontab(hour="3", minute="10"))
def retention_purge() -> None:
    purge.run()
