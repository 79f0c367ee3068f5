"""The stats' jobs on huey. The summary the pages read (`summary.py`): this year every few
minutes, last year every hour, the older ones every night. The open data's protection: every
night for the current and the previous year, and whenever a public request finds a year's
records changed (`opendata.protected`). The request never runs the secrecy solver itself."""

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, lock_task

from . import opendata, summary
from .measures import Scope


# A count that outlasts its period (a loaded database) is not started again meanwhile: the
# next round skips it rather than piling a second count on the first.
@db_periodic_task(crontab(minute=f"*/{summary.RECOUNT_MINUTES}"))
@lock_task("stats-count-this-year")
def count_this_year() -> None:
    summary.count_this_year()


@db_periodic_task(crontab(minute="10"))
@lock_task("stats-count-last-year")
def count_last_year() -> None:
    summary.count_last_year()


@db_periodic_task(crontab(hour="2", minute="20"))
@lock_task("stats-count-older-years")
def count_older_years() -> None:
    summary.count_older_years()


@db_periodic_task(crontab(hour="2", minute="40"))
def protect_open_data_nightly() -> None:
    opendata.protect_recent_years()


@db_task()
def protect_open_data(year: int) -> None:
    opendata.protect_year(Scope(year=year, today=timezone.localdate()))
