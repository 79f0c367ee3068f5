"""Which partition of the log a device's fixes go to: both devices of a pairing to the same one.

The engine keeps one state per device, shared by all its pairings (a perpetrator with two
victims), so the unit of partitioning is a group of devices linked by pairings, named by its
smallest device id; a device in no pairing (an alarm phone) is a unit of its own. Pairings that
have not ended yet count, started or not, so a unit is formed before its first fix. The hash is
stable across processes (CRC-32), unlike Python's `hash`.
"""

import time
import zlib

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from egide.devices.models import Pairing

# A new pairing reaches every intake process's routing within this delay.
ROUTING_CACHE_S = 2.0

_routing: tuple[dict[str, str], float] = ({}, 0.0)


def partition_count() -> int:
    return settings.EGIDE_MONITORING_PARTITIONS


def partition_of_unit(unit: str, partitions: int) -> int:
    return zlib.crc32(unit.encode()) % partitions


def units(links: list[tuple[str, str]]) -> dict[str, str]:
    """device -> its unit's name (smallest device id), for devices linked by `links`."""
    parent: dict[str, str] = {}

    def root(device: str) -> str:
        parent.setdefault(device, device)
        while parent[device] != device:
            parent[device] = parent[parent[device]]
            device = parent[device]
        return device

    for a, b in links:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {device: root(device) for device in parent}


def _current_units() -> dict[str, str]:
    global _routing
    table, expires = _routing
    if time.monotonic() >= expires:
        now = timezone.now()
        links = (
            Pairing.objects.filter(order__ended_at__isnull=True)
            .filter(Q(valid_until__isnull=True) | Q(valid_until__gt=now))
            .values_list("perpetrator_device__device_id", "victim_device__device_id")
        )
        table = units(list(links))
        _routing = (table, time.monotonic() + ROUTING_CACHE_S)
    return table


def partition_of(device_id: str) -> int:
    return partition_of_unit(_current_units().get(device_id, device_id), partition_count())


def forget_routing() -> None:
    global _routing
    _routing = ({}, 0.0)
