"""Haversine distance on a sphere of radius 6,371,008.8 m (the IUGG mean Earth radius).

Two forms computing the very same floats: `haversine_m` on degrees for Python callers, and
`haversine_rad` on radians with the cosines of the latitudes already known, for the kernel.
"""

import math

from .jit import compiled

EARTH_RADIUS_M = 6_371_008.8
RAD_PER_DEG = math.pi / 180.0


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = lat1 * RAD_PER_DEG, lat2 * RAD_PER_DEG
    return haversine_rad(
        phi1, lon1 * RAD_PER_DEG, math.cos(phi1), phi2, lon2 * RAD_PER_DEG, math.cos(phi2)
    )


@compiled
def haversine_rad(phi1, lam1, cos1, phi2, lam2, cos2):
    s_phi = math.sin((phi2 - phi1) * 0.5)
    s_lam = math.sin((lam2 - lam1) * 0.5)
    a = s_phi * s_phi + cos1 * cos2 * (s_lam * s_lam)
    return 2.0 * EARTH_RADIUS_M * math.asin(math.sqrt(min(1.0, a)))
