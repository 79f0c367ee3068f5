"""France's régions and départements, as INSEE's official geographic code (COG) names them.

One bundled file (`data/departements.json`, source and licence in `data/README.md`) gives each
département its name, its région and its simplified outlines: the indicators group
départements into régions with it, and the choropleth map draws them.
"""

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "departements.json"


@dataclass(frozen=True)
class Departement:
    code: str
    name: str
    region: str
    # Outer rings of the outlines, each a tuple of (longitude, latitude).
    rings: tuple[tuple[tuple[float, float], ...], ...]

    @property
    def overseas(self) -> bool:
        return len(self.code) == 3


@lru_cache(maxsize=1)
def _read() -> tuple[dict[str, str], dict[str, Departement]]:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    departements = {}
    for item in data["departements"]:
        rings = tuple(tuple(zip(ring[0::2], ring[1::2], strict=True)) for ring in item["rings"])
        departements[item["code"]] = Departement(item["code"], item["nom"], item["region"], rings)
    return data["regions"], departements


def regions() -> dict[str, str]:
    """Région code → name, in the order of their names."""
    return dict(sorted(_read()[0].items(), key=lambda item: item[1]))


def departements() -> dict[str, Departement]:
    """Département code → département, in the order of their codes."""
    return _read()[1]


def region_name(code: str) -> str:
    return _read()[0].get(code, code)


def departement_name(code: str) -> str:
    found = _read()[1].get(code)
    return found.name if found else code


def region_of(departement: str) -> str:
    """The département's région code ("" for a code INSEE does not know, or none)."""
    found = _read()[1].get(departement)
    return found.region if found else ""


def departements_of(region: str) -> tuple[str, ...]:
    return tuple(code for code, found in _read()[1].items() if found.region == region)
