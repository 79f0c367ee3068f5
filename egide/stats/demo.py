"""The demo's figures: the stats' jobs have run on the demo's records, so the indicators are
summed up and the public files and the orientation page's figures are there from the start."""

from . import opendata, summary


def populate(context) -> None:
    summary.count_this_year()
    summary.count_last_year()
    opendata.protect_recent_years()
