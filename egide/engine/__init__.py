"""The monitoring engine (`docs/monitoring.md`): pairings and fixes in, events out.

Pure Python with compiled kernels (numba); imports nothing from Django, so the live workers, the
batch replay and the tests all run the very same code.
"""

from .engine import Engine, warm_up
from .errors import InputError
from .events import KINDS, LEVELS, Event
from .kernel import Fixes
from .model import MOVING_ZONE_ID, Config, Pairing, Settings, Zone, load_config, parse_config

__all__ = [
    "KINDS",
    "LEVELS",
    "MOVING_ZONE_ID",
    "Config",
    "Engine",
    "Event",
    "Fixes",
    "InputError",
    "Pairing",
    "Settings",
    "Zone",
    "load_config",
    "parse_config",
    "warm_up",
]
