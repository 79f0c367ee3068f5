"""Events as the operator console and `monitor replay` see them, with deterministic ids."""

import hashlib
import json
from dataclasses import dataclass

from .model import Id
from .timestamps import format_iso

_COMPACT = json.JSONEncoder(separators=(",", ":"))  # one encoder, not one per event
LEVELS = ("clear", "prealert", "alert")
KINDS = (
    "zone.enter",
    "zone.exit",
    "sos",
    "device.tamper",
    "device.battery_low",
    "device.battery_critical",
    "device.offline",
    "device.online",
)


@dataclass(frozen=True, slots=True)
class Event:
    type: str
    ts: int  # ns since the epoch, UTC
    device: str
    pairing: Id | None = None
    zone: Id | None = None
    level_from: str | None = None
    level_to: str | None = None
    distance_m: int | None = None

    @property
    def id(self) -> str:
        return self._id(format_iso(self.ts))

    def _id(self, ts: str) -> str:
        """Same event, same id: a hash of what identifies it, so re-processing never shows an
        operator the same event twice (rule 11)."""
        key = json.dumps([self.type, self.pairing, self.zone, self.device, ts])
        return hashlib.sha256(key.encode()).hexdigest()[:32]

    def to_dict(self) -> dict:
        ts = format_iso(self.ts)
        return {
            "id": self._id(ts),
            "type": self.type,
            "ts": ts,
            "device": self.device,
            "pairing": self.pairing,
            "zone": self.zone,
            "from": self.level_from,
            "to": self.level_to,
            "distance_m": self.distance_m,
        }

    def to_json(self) -> str:
        return _COMPACT.encode(self.to_dict())
