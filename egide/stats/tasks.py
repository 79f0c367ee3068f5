"""The open data's protection on huey: every night for the current and the previous year, and
whenever a public request finds a year's records changed (`opendata.protected`). The request
never runs the secrecy solver itself."""

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from . import opendata
from .measures import Scope


@db_periodic_task(crontab(hour="2", minute="40"))
def protect_open_data_nightly() -> None:
    opendata.protect_recent_years()


@db_task()
def protect_open_data(year: int) -> None:
    opendata.protect_year(Scope(year=year, today=timezone.localdate()))
