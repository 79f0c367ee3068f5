"""The demo's open data: the nightly job has run on the demo's records, so the public files and
the orientation page's figures are there from the start."""

from . import opendata


def populate(context) -> None:
    opendata.protect_recent_years()
