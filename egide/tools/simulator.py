"""The demo's devices coming alive: bracelets drift towards their victims and away, phones
report and now and then raise an SOS; the engine worker runs beside them.

`start_in_background()` starts both as daemon threads of the demo's process (SQLite, no other
service needed). Fixes go through the same durable intake as devices' (intake.store).
"""

import logging
import math
import random
import threading
import time

from django.db import close_old_connections

from egide.monitoring import intake, pipeline
from egide.monitoring.configuration import engine_pairings
from egide.monitoring.protocols import IncomingFix

from .scenario import approach_distance, position

log = logging.getLogger(__name__)

EVERY_S = 5
PERIOD_S = 300  # a perpetrator's approach-and-retreat cycle
SOS_CHANCE = 1 / 120  # per phone fix: about one SOS every ten minutes per phone
HOME = (49.0270, 1.1510)  # Évreux, where phones without a pairing are placed


def tick(step: int, rng: random.Random) -> list[IncomingFix]:
    """One round of fixes from every device the engine watches."""
    config = engine_pairings()
    ts = time.time_ns()
    fixes = []
    for k, pairing in enumerate(config["pairings"]):
        zones = pairing["zones"]
        home = (zones[0]["lat"], zones[0]["lon"]) if zones else HOME
        # Her home is 600 m off the fixed zone so the fixed zone and she are not one place.
        her = position(home, 600 + rng.uniform(-20, 20), rng.uniform(-20, 20))
        distance = approach_distance(step * EVERY_S, phase=k * 2.1, period_s=PERIOD_S)
        bearing = k * 1.7
        wearer = position(her, distance * math.cos(bearing), distance * math.sin(bearing))
        battery = 100 - (step // 12) % 100
        fixes.append(IncomingFix(pairing["perpetrator_device"], "", ts, *wearer, 15.0, battery))
        fixes.append(IncomingFix(pairing["victim_device"], "", ts, *her, 10.0, 80.0))
    for phone in config["alarm_phones"]:
        alarm = "sos" if rng.random() < SOS_CHANCE else ""
        where = position(HOME, rng.uniform(-500, 500), rng.uniform(-500, 500))
        fixes.append(IncomingFix(phone, "", ts, *where, 20.0, 70.0, alarm))
    return fixes


def _simulate(stop: threading.Event) -> None:
    rng = random.Random(7)
    step = 0
    while not stop.wait(EVERY_S):
        try:
            fixes = tick(step, rng)
            if fixes:
                intake.store(fixes, "demo")
        except Exception:  # the demo keeps going; the log says why
            log.exception("demo simulator: tick %s failed", step)
        finally:
            close_old_connections()
        step += 1


def _work(stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            pipeline.run(pipeline.Worker(), stop=stop.is_set, idle_sleep_s=0.2)
        except Exception:
            log.exception("demo engine worker: restarting from its checkpoint")
            time.sleep(1)
        finally:
            close_old_connections()


def start_in_background() -> threading.Event:
    """Start the simulator and the engine worker; set the returned event to stop them."""
    stop = threading.Event()
    for target, name in ((_simulate, "demo-devices"), (_work, "engine-worker")):
        threading.Thread(target=target, args=(stop,), name=name, daemon=True).start()
    return stop
