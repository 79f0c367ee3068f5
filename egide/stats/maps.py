"""The choropleth map of départements, drawn on the server as inline SVG (no tiles, no script).

Outlines come from the bundled file (`territories.py`). Metropolitan France is drawn in an
equirectangular projection corrected for its mean latitude (east-west distances shrink by
cos 46.5°), which keeps its familiar shape at this size; each overseas département has its
own inset, at its own scale, along the bottom. Like the bar charts, the map is one labelled
image: the table that follows it carries the same values for every reader.
"""

import math
from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import gettext as _

from . import territories

WIDTH, HEIGHT = 600, 640
MAINLAND = (10, 10, 590, 510)  # left, top, right, bottom
INSET_TOP, INSET_SIZE, INSET_GAP = 530, 100, 20
# Light to dark: DSFR's blue-france tints, the darkest its main blue (contrast with white ≥ 3:1
# from the third class on; the table carries the values in any case).
PALETTE = ("#e3e3fd", "#b1b1f9", "#8585f6", "#3b3bd8", "#000091")
ZERO, OUTSIDE = "#f6f6f6", "#dddddd"


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    path: str
    fill: str
    title: str


@dataclass(frozen=True)
class Inset:
    x: float
    y: float
    size: float
    label: str


@dataclass(frozen=True)
class Key:
    fill: str
    label: str


@dataclass(frozen=True)
class Choropleth:
    areas: list[Area]
    insets: list[Inset]
    legend: list[Key]


def _fit(rings, box, latitude):
    """Projects lon/lat rings into `box`, keeping their proportions."""
    shrink = math.cos(math.radians(latitude))
    points = [[(lon * shrink, -lat) for lon, lat in ring] for ring in rings]
    xs = [x for ring in points for x, _y in ring]
    ys = [y for ring in points for _x, y in ring]
    left, top, right, bottom = box
    scale = min((right - left) / (max(xs) - min(xs)), (bottom - top) / (max(ys) - min(ys)))
    dx = left + ((right - left) - (max(xs) - min(xs)) * scale) / 2 - min(xs) * scale
    dy = top + ((bottom - top) - (max(ys) - min(ys)) * scale) / 2 - min(ys) * scale
    return [
        [(round(x * scale + dx, 1), round(y * scale + dy, 1)) for x, y in ring] for ring in points
    ]


def _path(rings) -> str:
    return " ".join("M" + " L".join(f"{x},{y}" for x, y in ring) + " Z" for ring in rings if ring)


def _inset_box(index: int) -> tuple[float, float, float, float]:
    left = 10 + index * (INSET_SIZE + INSET_GAP)
    return (left + 6, INSET_TOP + 6, left + INSET_SIZE - 6, INSET_TOP + INSET_SIZE - 18)


@lru_cache(maxsize=1)
def outlines() -> dict[str, str]:
    """Each département's SVG path, projected once per process."""
    mainland = [d for d in territories.departements().values() if not d.overseas]
    overseas = [d for d in territories.departements().values() if d.overseas]
    # The mainland is fitted as one: every département's rings, then split back.
    all_rings = [ring for d in mainland for ring in d.rings]
    projected = iter(_fit(all_rings, MAINLAND, 46.5))
    paths = {d.code: _path([next(projected) for _ring in d.rings]) for d in mainland}
    for index, departement in enumerate(overseas):
        latitude = sum(lat for ring in departement.rings for _lon, lat in ring) / sum(
            len(ring) for ring in departement.rings
        )
        paths[departement.code] = _path(_fit(departement.rings, _inset_box(index), latitude))
    return paths


@lru_cache(maxsize=32)
def zoomed(codes: tuple[str, ...]) -> dict[str, str]:
    """The SVG paths of a few départements (a région's), fitted together into the whole map."""
    chosen = [territories.departements()[code] for code in codes]
    rings = [ring for departement in chosen for ring in departement.rings]
    latitude = sum(lat for ring in rings for _lon, lat in ring) / sum(len(ring) for ring in rings)
    projected = iter(_fit(rings, (10, 10, WIDTH - 10, HEIGHT - 10), latitude))
    return {d.code: _path([next(projected) for _ring in d.rings]) for d in chosen}


def insets() -> list[Inset]:
    overseas = [d for d in territories.departements().values() if d.overseas]
    return [
        Inset(10 + index * (INSET_SIZE + INSET_GAP), INSET_TOP, INSET_SIZE, departement.name)
        for index, departement in enumerate(overseas)
    ]


def classes(values) -> list[float]:
    """Upper bounds of up to five classes of the non-zero values, at their quantiles."""
    ordered = sorted(value for value in values if value)
    if not ordered:
        return []
    bounds = [
        ordered[min(len(ordered) - 1, math.ceil(len(ordered) * k / 5) - 1)] for k in range(1, 6)
    ]
    return sorted(set(bounds))


def choropleth(values: dict[str, float], selected, shown, zoom: bool = False) -> Choropleth:
    """`values` per département code (missing: 0), coloured in the départements of `selected`
    only, the rest of France greyed, or left out when `zoom`ing on the selection; `shown(value)`
    prints a value."""
    bounds = classes(values.get(code, 0) for code in selected)
    paths = zoomed(tuple(selected)) if zoom else outlines()
    areas = []
    for code, path in paths.items():
        name = territories.departement_name(code)
        if code not in selected:
            areas.append(Area(code, name, path, OUTSIDE, f"{code} {name}"))
            continue
        value = values.get(code, 0)
        fill = colour(value, bounds)
        areas.append(Area(code, name, path, fill, f"{code} {name} : {shown(value)}"))
    partial = len(selected) < len(paths)
    return Choropleth(areas, [] if zoom else insets(), legend(bounds, shown, partial))


def colour(value, bounds) -> str:
    """The darker the higher: the class whose upper bound is the first not below `value`."""
    if not value:
        return ZERO
    palette = PALETTE[len(PALETTE) - len(bounds) :]
    return next(fill for fill, bound in zip(palette, bounds, strict=True) if value <= bound)


def legend(bounds, shown, partial: bool) -> list[Key]:
    keys = [Key(ZERO, _("Aucun"))]
    low = 0
    palette = PALETTE[len(PALETTE) - len(bounds) :]
    for fill, bound in zip(palette, bounds, strict=True):
        first = low + 1 if isinstance(bound, int) else low
        label = shown(bound) if first >= bound else f"{shown(first)} – {shown(bound)}"
        keys.append(Key(fill, label))
        low = bound
    if partial:
        keys.append(Key(OUTSIDE, _("Hors de la sélection")))
    return keys
