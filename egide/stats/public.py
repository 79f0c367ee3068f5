"""The public orientation page's figures: this year's national counts, read from the open data
so that they carry its statistical secrecy ("< 11", "secret") and nothing more."""

from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.utils.formats import number_format

from . import opendata
from .indicators import BY_SLUG
from .measures import Scope

# A few counts a visitor understands at a glance.
SHOWN = ("op-delivrees", "tgd-attribues", "auu-versees", "hebergement-refus-manque-de-place")
# The open data is computed once an hour at most for the public page, whoever visits it.
KEPT_SECONDS = 3600


@dataclass(frozen=True)
class Figure:
    name: str
    value: str


def national_figures(today: date) -> list[Figure]:
    key = f"stats-public-figures-{today.isoformat()}"
    values = cache.get(key)
    if values is None:
        rows = opendata.rows(Scope(year=today.year, today=today))
        year = str(today.year)
        values = {
            row.indicator: row.value
            for row in rows
            if row.level == "national" and row.period == year and row.indicator in SHOWN
        }
        cache.set(key, values, KEPT_SECONDS)
    return [Figure(str(BY_SLUG[slug].name), shown(values.get(slug, "0"))) for slug in SHOWN]


def shown(value: str) -> str:
    return number_format(int(value), force_grouping=True) if value.isdigit() else value
