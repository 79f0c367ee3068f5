"""The public orientation page's figures: this year's national counts, read from the last
open-data file the nightly job stored, so that they carry its statistical secrecy ("< 11",
"secret") and nothing more, and a visit never counts nor protects anything. Before the year's
first file, the page shows no figures."""

import json
from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.utils.formats import number_format

from . import opendata
from .indicators import BY_SLUG

# A few counts a visitor understands at a glance.
SHOWN = ("op-delivrees", "tgd-attribues", "auu-versees", "hebergement-refus-manque-de-place")
# A stored file is read once an hour at most for the public page, whoever visits it.
KEPT_SECONDS = 3600


@dataclass(frozen=True)
class Figure:
    name: str
    value: str


def national_figures(today: date) -> list[Figure]:
    stored = opendata.latest_file(today.year)
    if stored is None:
        return []
    key = f"stats-public-figures-{stored.digest}"
    values = cache.get(key)
    if values is None:
        year = str(today.year)
        values = {
            row["indicateur"]: row["valeur"]
            for row in json.loads(bytes(stored.json))["lignes"]
            if row["niveau"] == "national" and row["periode"] == year and row["indicateur"] in SHOWN
        }
        cache.set(key, values, KEPT_SECONDS)
    return [Figure(str(BY_SLUG[slug].name), shown(values.get(slug, "0"))) for slug in SHOWN]


def shown(value: str) -> str:
    return number_format(int(value), force_grouping=True) if value.isdigit() else value
