"""Hypothesis strategies: small random worlds made to hit every rule's edges."""

from hypothesis import strategies as st

from egide.engine.reference import Fix

from .support import at, config, iso, north

DEVICES = ("A", "B", "V", "W")  # named by pairings, several pairings may share one
PHONE, STRANGER = "T", "X"
# Distances chosen around the thresholds of the alert distances below, with their margins.
METRES = (0, 150, 290, 310, 480, 520, 600, 950, 999, 1001, 1150, 1250, 1900, 2100, 2300, 5200)
ALERTS = (300, 500, 1000, 5000)
# Times on a 10 s grid, so that fixes often fall exactly on window bounds.
TIMES_S = st.integers(0, 80).map(lambda k: 10 * k)


@st.composite
def windows(draw, count):
    starts = draw(st.lists(TIMES_S, max_size=count))
    return [{"start": iso(s), "end": iso(s + 10 * draw(st.integers(1, 40)))} for s in starts]


@st.composite
def zones(draw, index):
    zone = {"id": f"z{index}", "alert_m": draw(st.sampled_from(ALERTS))}
    zone["lat"], zone["lon"] = north(draw(st.sampled_from(METRES)))
    if draw(st.booleans()):
        zone["prealert_m"] = draw(st.sampled_from((100, 800, 1200, 3000)))
    if draw(st.booleans()):
        zone["exemptions"] = draw(windows(3))
    return zone


@st.composite
def pairings(draw, index):
    perpetrator, victim = draw(
        st.lists(st.sampled_from(DEVICES), min_size=2, max_size=2, unique=True)
    )
    pairing = {
        "id": f"P{index}",
        "perpetrator_device": perpetrator,
        "victim_device": victim,
        "alert_m": draw(st.sampled_from(ALERTS)),
    }
    pairing["zones"] = [draw(zones(k)) for k in range(draw(st.integers(0, 2)))]
    if draw(st.booleans()):
        pairing["prealert_m"] = draw(st.sampled_from((200, 1500, 2500)))
    if draw(st.booleans()):
        pairing["valid_from"] = iso(draw(TIMES_S))
    if draw(st.booleans()):
        pairing["valid_until"] = iso(10 + draw(TIMES_S))
        if "valid_from" in pairing and pairing["valid_until"] <= pairing["valid_from"]:
            del pairing["valid_from"]
    return pairing


@st.composite
def configs(draw):
    count = draw(st.integers(1, 3))
    settings = draw(
        st.none()
        | st.fixed_dictionaries(
            {},
            optional={
                "offline_after_s": st.sampled_from((30, 180)),
                "max_accuracy_m": st.sampled_from((100, 250)),
            },
        )
    )
    return config([draw(pairings(i)) for i in range(count)], [PHONE], settings)


@st.composite
def streams(draw, max_size=40):
    """Fixes in arrival order: mostly forward in time, with repeats, late fixes and gaps."""
    fixes: list[Fix] = []
    clock = 0
    for _ in range(draw(st.integers(0, max_size))):
        how = draw(st.sampled_from(("next", "next", "next", "next", "repeat", "late", "gap")))
        if how == "repeat" and fixes:
            fixes.append(_varied(draw, draw(st.sampled_from(fixes))))
            continue
        if how == "late":
            ts = 10 * draw(st.integers(0, clock // 10))
        else:
            clock += draw(st.sampled_from((0, 10, 10, 20, 60))) if how == "next" else 250
            ts = clock
        device = draw(st.sampled_from(DEVICES + (PHONE, STRANGER)))
        fixes.append(_varied(draw, Fix(device, at(ts))))
    return fixes


def _varied(draw, base: Fix) -> Fix:
    """A fix at base's (device, ts) with random position, accuracy, battery and alarm."""
    lat, lon = north(draw(st.sampled_from(METRES)))
    return Fix(
        base.device,
        base.ts,
        lat,
        lon + draw(st.sampled_from((0.0, 0.001, 0.01))),
        accuracy=draw(st.sampled_from((None, None, 5.0, 250.0, 250.5, 400.0))),
        battery=draw(st.sampled_from((None, None, 5, 9.5, 10, 14, 15, 19, 20, 24, 25, 80))),
        alarm=draw(st.sampled_from((None, None, None, None, "sos", "tamper"))),
    )
