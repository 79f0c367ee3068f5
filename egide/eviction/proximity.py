"""Is a place far enough from every place the victim must be protected at? One answer, yes or
no: the operator who asks never learns which place, where, nor how far.

The protected places of a case, as the platform knows them:
- her home: the victims' addresses in the case file (geocoded as the judge's decision form does,
  `egide.geocoding`) and the measures of an order in force marked as her home;
- the places banned to him with a position: the place bans of an order in force (C. civ. 515-11
  1° bis), the home he was evicted from and the places banned to him by a criminal decision in
  force (egide.criminal), and the fixed zones of an active bracelet pairing;
- the shelter she is placed in (an accepted or current allocation, when the shelter is located).
Each must be at least `rules.min_distance_m` away; an active bracelet's pre-alert distance, when
wider, prevails around her home, her shelter and its zones. Distances use the monitoring engine's
haversine (`egide.engine.geo`).
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils.translation import gettext as _

from egide import geocoding
from egide.cases.choices import PersonRole
from egide.criminal.choices import PLACE_KINDS
from egide.criminal.models import Obligation
from egide.devices.services import active_pairings
from egide.engine.geo import haversine_m
from egide.errors import RuleError
from egide.justice.choices import ACTIVE_STATUSES
from egide.justice.models import Measure
from egide.support.choices import HOLDING_PLACES
from egide.support.models import ShelterAllocation

from . import rules


@dataclass(frozen=True)
class ProtectedPoint:
    latitude: float
    longitude: float
    clearance_m: int


def _victim_homes(case, clearance: int) -> list[ProtectedPoint]:
    points = []
    for victim in case.people_in_role(PersonRole.VICTIM):
        try:
            position = geocoding.geocode(victim.address)
        except geocoding.GeocodingUnavailable as error:
            raise RuleError(
                _("La vérification est impossible pour l'instant : réessayez plus tard.")
            ) from error
        if position is not None:
            points.append(ProtectedPoint(position.latitude, position.longitude, clearance))
    return points


def _order_places(case, clearance: int) -> list[ProtectedPoint]:
    in_force = Q(protection_order__case=case, protection_order__status__in=ACTIVE_STATUSES) | Q(
        immediate_order__case=case, immediate_order__status__in=ACTIVE_STATUSES
    )
    located = Measure.objects.filter(in_force, latitude__isnull=False, longitude__isnull=False)
    return [
        ProtectedPoint(float(m.latitude), float(m.longitude), clearance)
        for m in located.only("latitude", "longitude")
    ]


def _criminal_places(case, on: date, clearance: int) -> list[ProtectedPoint]:
    """The home he was evicted from and the places banned to him by a criminal decision in force
    (egide.criminal): his housing keeps clear of them as of an order's."""
    located = Obligation.objects.in_force(on).filter(
        case=case, kind__in=PLACE_KINDS, latitude__isnull=False, longitude__isnull=False
    )
    return [
        ProtectedPoint(float(o.latitude), float(o.longitude), clearance)
        for o in located.only("latitude", "longitude")
    ]


def _bracelet_zones(pairings, clearance: int) -> list[ProtectedPoint]:
    points = []
    for pairing in pairings:
        for zone in pairing.zones.all():
            reach = max(clearance, zone.prealert_m)
            points.append(ProtectedPoint(float(zone.latitude), float(zone.longitude), reach))
    return points


def _shelters(case, clearance: int) -> list[ProtectedPoint]:
    held = ShelterAllocation.objects.filter(
        case=case,
        status__in=HOLDING_PLACES,
        shelter__latitude__isnull=False,
        shelter__longitude__isnull=False,
    ).select_related("shelter")
    return [
        ProtectedPoint(float(a.shelter.latitude), float(a.shelter.longitude), clearance)
        for a in held
    ]


def protected_points(case, on: date) -> list[ProtectedPoint]:
    clearance = rules.min_distance_m(on)
    pairings = list(active_pairings().filter(order__case=case).prefetch_related("zones"))
    # Where she lives, his bracelet must not pre-alert: its own perimeter prevails when wider.
    around_her = max([clearance, *(pairing.prealert_m for pairing in pairings)])
    return [
        *_victim_homes(case, around_her),
        *_order_places(case, clearance),
        *_criminal_places(case, on, clearance),
        *_bracelet_zones(pairings, clearance),
        *_shelters(case, around_her),
    ]


def is_compatible(place, case, on: date) -> bool:
    """True when `place` is far enough from every protected place of the case's victim. Refused
    (RuleError) when the case locates none: no answer is better than a false "compatible"."""
    points = protected_points(case, on)
    if not points:
        raise RuleError(
            _(
                "La compatibilité ne peut pas être vérifiée : le dossier ne situe aucun lieu à "
                "protéger. Le parquet doit compléter le dossier."
            )
        )
    lat, lon = float(place.latitude), float(place.longitude)
    return all(haversine_m(lat, lon, p.latitude, p.longitude) >= p.clearance_m for p in points)
