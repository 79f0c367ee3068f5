"""One or more hand-written cases per rule of `docs/monitoring.md` ("Engine semantics").

Every case also checks, through `events()`, that the fast engine and the oracle agree exactly.
Default pairing: perpetrator A, victim V at BASE, alert 1000 m, so pre-alert 2000 m; leaving
the alert needs > 1200 m, leaving the pre-alert > 2200 m.
"""

import math

import pytest

from egide.engine.geo import EARTH_RADIUS_M, haversine_m

from .support import config, events, fix, iso, kinds, pairing, zone

ONE_PAIRING = config([pairing()])


def moving(found, device=None):
    return [k for k in kinds(found, device) if k[2] == "victim"]


# Rule 1: haversine on a sphere of radius 6,371,008.8 m


def test_haversine_matches_the_spherical_law_of_cosines():
    paris, london = (48.8566, 2.3522), (51.5074, -0.1278)
    phi1, phi2 = math.radians(paris[0]), math.radians(london[0])
    cosines = math.acos(
        math.sin(phi1) * math.sin(phi2)
        + math.cos(phi1) * math.cos(phi2) * math.cos(math.radians(london[1] - paris[1]))
    )
    assert haversine_m(*paris, *london) == pytest.approx(EARTH_RADIUS_M * cosines, rel=1e-9)
    assert haversine_m(*paris, *london) == pytest.approx(343_923, abs=500)


def test_haversine_uses_the_mean_earth_radius():
    assert haversine_m(0, 0, 1, 0) == pytest.approx(6_371_008.8 * math.pi / 180, rel=1e-12)
    assert haversine_m(0, 0, 0, 180) == pytest.approx(6_371_008.8 * math.pi, rel=1e-12)
    assert haversine_m(10, 170, 10, -170) == pytest.approx(haversine_m(10, -10, 10, 10))
    assert haversine_m(48.0, 2.0, 48.0, 2.0) == 0


# Rule 2: unknown devices, duplicates, late fixes


def test_fix_from_an_unknown_device_is_ignored():
    assert events(ONE_PAIRING, [fix("X", 0, alarm="sos", battery=1), fix("X", 900)]) == []


def test_repeat_of_the_latest_fix_changes_no_state():
    found = events(
        ONE_PAIRING,
        [
            fix("V", 0),
            fix("A", 0, 5000),
            fix("A", 0, 100, battery=5),  # same (device, ts), inside the zone, battery flat
        ],
    )
    assert found == []


def test_repeat_of_the_latest_fix_with_a_new_sos_raises_it_once():
    # The legacy Traccar Client stamps its SOS with its last known fix.
    found = events(
        ONE_PAIRING,
        [
            fix("V", 0),
            fix("A", 0, 5000),
            fix("A", 0, 100, alarm="sos", battery=5),
            fix("A", 0, 100, alarm="sos"),  # the same SOS resent: same event
        ],
    )
    assert kinds(found) == [("sos", iso(0), None, None, None)]


def test_repeat_with_another_position_moves_nothing():
    found = events(
        ONE_PAIRING,
        [
            fix("V", 0),
            fix("A", 0, 5000),
            fix("A", 0, 100, alarm="sos"),  # would be inside the alert distance
            fix("A", 60, 5000),  # the perpetrator never was near
        ],
    )
    assert kinds(found) == [("sos", iso(0), None, None, None)]


def test_repeat_of_an_older_fix_raises_a_new_alarm_once():
    found = events(
        ONE_PAIRING,
        [
            fix("A", 0, 5000),
            fix("A", 60, 5000),
            fix("A", 0, 5000, alarm="sos"),  # repeats the first fix, with an SOS it lacked
            fix("A", 0, 5000, alarm="sos"),  # and again: already raised
            fix("A", 30, 5000, alarm="tamper"),  # late: raised
            fix("A", 30, 5000, alarm="tamper"),  # repeats the late one
            fix("A", 30, 5000, alarm="sos"),  # another alarm on the same (device, ts)
        ],
    )
    assert kinds(found) == [
        ("sos", iso(0), None, None, None),
        ("device.tamper", iso(30), None, None, None),
        ("sos", iso(30), None, None, None),
    ]


def test_late_fix_raises_alarms_but_changes_nothing_else():
    found = events(
        ONE_PAIRING,
        [
            fix("V", 0),
            fix("A", 100, 5000),
            fix("A", 50, 10, alarm="sos", battery=3),  # late: inside the alert distance
            fix("A", 400, 5000),  # 300 s after the latest accepted fix, not after the late one
        ],
    )
    assert kinds(found) == [
        ("sos", iso(50), None, None, None),
        ("device.offline", iso(180), None, None, None),  # V, at the end of the replay
        ("device.offline", iso(280), None, None, None),
        ("device.online", iso(400), None, None, None),
    ]


def test_late_fix_is_not_used_as_a_position():
    found = events(
        ONE_PAIRING,
        [
            fix("A", 10, 100),
            fix("A", 5, 5000),  # late, far away
            fix("V", 20),  # the moving zone uses A's latest accepted position: 100 m
        ],
    )
    assert moving(found) == [("zone.enter", iso(20), "victim", "clear", "alert")]


# Rules 3 and 4: levels, immediate escalation, hysteresis


@pytest.mark.parametrize(
    ("metres", "level"), [(999.5, "alert"), (1000.5, "prealert"), (1999.5, "prealert")]
)
def test_raw_level_from_the_distance(metres, level):
    found = events(ONE_PAIRING, [fix("V", 0), fix("A", 1, metres)])
    assert moving(found) == [("zone.enter", iso(1), "victim", "clear", level)]


def test_beyond_prealert_distance_is_clear():
    assert events(ONE_PAIRING, [fix("V", 0), fix("A", 1, 2000.5)]) == []


def test_escalation_is_immediate_and_emits_one_event():
    found = events(ONE_PAIRING, [fix("V", 0), fix("A", 1, 5000), fix("A", 2, 10)])
    assert moving(found) == [("zone.enter", iso(2), "victim", "clear", "alert")]
    assert found[-1]["distance_m"] == 10


def test_leaving_alert_needs_more_than_200_m_beyond_a_small_alert_distance():
    found = events(
        ONE_PAIRING,
        [
            fix("V", 0),
            fix("A", 1, 900),
            fix("A", 2, 1150),
            fix("A", 3, 1199),
            fix("A", 4, 1201),
        ],
    )
    assert moving(found) == [
        ("zone.enter", iso(1), "victim", "clear", "alert"),
        ("zone.exit", iso(4), "victim", "alert", "prealert"),
    ]


def test_leaving_alert_needs_110_percent_of_a_large_alert_distance():
    cfg = config([pairing(alert_m=5000)])  # leave > 5500, pre-alert 10000, leave > 11000
    found = events(cfg, [fix("V", 0), fix("A", 1, 4000), fix("A", 2, 5450), fix("A", 3, 5550)])
    assert moving(found) == [
        ("zone.enter", iso(1), "victim", "clear", "alert"),
        ("zone.exit", iso(3), "victim", "alert", "prealert"),
    ]


def test_leaving_prealert_needs_the_prealert_margin():
    found = events(
        ONE_PAIRING,
        [
            fix("V", 0),
            fix("A", 1, 1500),
            fix("A", 2, 2100),
            fix("A", 3, 2195),
            fix("A", 4, 2205),
        ],
    )
    assert moving(found) == [
        ("zone.enter", iso(1), "victim", "clear", "prealert"),
        ("zone.exit", iso(4), "victim", "prealert", "clear"),
    ]


def test_alert_to_clear_in_one_jump_when_beyond_both_margins():
    found = events(ONE_PAIRING, [fix("V", 0), fix("A", 1, 500), fix("A", 2, 2300)])
    assert moving(found) == [
        ("zone.enter", iso(1), "victim", "clear", "alert"),
        ("zone.exit", iso(2), "victim", "alert", "clear"),
    ]


def test_jitter_around_a_threshold_does_not_flap():
    trajectory = [990, 1010, 995, 1100, 1005, 1190, 999]
    found = events(
        ONE_PAIRING, [fix("V", 0)] + [fix("A", i + 1, m) for i, m in enumerate(trajectory)]
    )
    assert moving(found) == [("zone.enter", iso(1), "victim", "clear", "alert")]


# Rule 5: poor accuracy


def test_poor_fix_raises_a_level():
    found = events(ONE_PAIRING, [fix("V", 0), fix("A", 1, 500, accuracy=900)])
    assert moving(found) == [("zone.enter", iso(1), "victim", "clear", "alert")]


def test_poor_fix_never_lowers_a_level():
    found = events(
        ONE_PAIRING,
        [
            fix("V", 0),
            fix("A", 1, 500),
            fix("A", 2, 9000, accuracy=250.5),
            fix("A", 3, 9000),
        ],
    )
    assert moving(found) == [
        ("zone.enter", iso(1), "victim", "clear", "alert"),
        ("zone.exit", iso(3), "victim", "alert", "clear"),
    ]


def test_moving_zone_is_poor_if_either_position_is():
    found = events(
        ONE_PAIRING,
        [
            fix("V", 0, accuracy=300),
            fix("A", 1, 500),
            fix("A", 2, 9000),
            fix("V", 3, accuracy=10),
        ],
    )
    assert moving(found) == [
        ("zone.enter", iso(1), "victim", "clear", "alert"),
        ("zone.exit", iso(3), "victim", "alert", "clear"),  # by the victim's good fix
    ]


def test_accuracy_of_exactly_the_limit_or_missing_is_good():
    found = events(
        ONE_PAIRING,
        [
            fix("V", 0),
            fix("A", 1, 500),
            fix("A", 2, 9000, accuracy=250.0),
            fix("A", 3, 500),
            fix("A", 4, 9000, accuracy=None),
        ],
    )
    assert [k[3:] for k in moving(found)] == [("clear", "alert"), ("alert", "clear")] * 2


def test_accuracy_limit_is_a_setting():
    cfg = config([pairing()], settings={"max_accuracy_m": 50})
    found = events(cfg, [fix("V", 0), fix("A", 1, 500), fix("A", 2, 9000, accuracy=60)])
    assert [k[3:] for k in moving(found)] == [("clear", "alert")]


# Rule 6: which fixes evaluate which zones


def test_moving_zone_waits_for_both_positions():
    found = events(ONE_PAIRING, [fix("A", 0, 10), fix("A", 1, 20), fix("V", 2)])
    assert moving(found) == [("zone.enter", iso(2), "victim", "clear", "alert")]
    assert found[0]["device"] == "V"  # the triggering fix's device


def test_moving_zone_uses_the_latest_position_of_each_device():
    found = events(
        ONE_PAIRING,
        [
            fix("V", 0, 5000),
            fix("A", 1, 0),
            fix("V", 2, 100),
            fix("A", 3, 2200),
        ],
    )
    assert moving(found) == [
        ("zone.enter", iso(2), "victim", "clear", "alert"),
        ("zone.exit", iso(3), "victim", "alert", "prealert"),  # 2100 m from V's latest
    ]
    assert [e["distance_m"] for e in found] == [100, 2100]


def test_fixed_zones_are_evaluated_on_the_perpetrator_fixes_only():
    cfg = config([pairing(zones=[zone("home", 0, alert_m=300)])])
    found = events(
        cfg,
        [
            fix("V", 0, 10000),
            fix("V", 1, 0),
            fix("A", 2, 100),
            fix("A", 1.5, 5000),  # late
        ],
    )
    home = [k for k in kinds(found) if k[2] == "home"]
    assert home == [("zone.enter", iso(2), "home", "clear", "alert")]
    assert [e["distance_m"] for e in found if e["zone"] == "home"] == [100]  # to the centre


def test_exemption_window_is_half_open_and_keeps_the_level():
    window = {"start": iso(10), "end": iso(20)}
    cfg = config([pairing(zones=[zone("work", 0, exemptions=[window])])])
    found = events(
        cfg,
        [
            fix("A", 5, 100),  # enters before the window
            fix("A", 10, 9000),  # inside the window: the level stays at alert
            fix("A", 15, 9000),
            fix("A", 20, 9000),  # the end is outside the window: evaluated
        ],
    )
    assert [k for k in kinds(found) if k[2] == "work"] == [
        ("zone.enter", iso(5), "work", "clear", "alert"),
        ("zone.exit", iso(20), "work", "alert", "clear"),
    ]


def test_no_event_from_a_zone_inside_its_exemption_window():
    window = {"start": iso(0), "end": iso(60)}
    cfg = config([pairing(zones=[zone("work", 0, exemptions=[window]), zone("gym", 0)])])
    found = events(cfg, [fix("A", 0, 0), fix("A", 59, 0)])
    assert {e["zone"] for e in found} == {"gym"}


def test_validity_window_freezes_levels_but_positions_move():
    cfg = config([pairing(valid_from=iso(10), valid_until=iso(20))])
    found = events(
        cfg,
        [
            fix("V", 0),
            fix("A", 5, 100),  # before the window: nothing
            fix("A", 10, 100),  # valid_from is inside
            fix("V", 15, 9000),  # victim leaves, inside: exit
            fix("A", 20, 9000),  # valid_until is outside: frozen
            fix("V", 21, 9000),  # outside
        ],
    )
    assert moving(found) == [
        ("zone.enter", iso(10), "victim", "clear", "alert"),
        ("zone.exit", iso(15), "victim", "alert", "clear"),
    ]


def test_positions_update_outside_the_validity_window():
    cfg = config([pairing(valid_from=iso(100))])
    found = events(cfg, [fix("V", 0, 9000), fix("A", 50, 0), fix("V", 100, 0)])
    assert moving(found) == [("zone.enter", iso(100), "victim", "clear", "alert")]


# Rule 7: events carry the triggering fix's ts and device, and the distance


def test_zone_event_fields():
    (event,) = events(ONE_PAIRING, [fix("V", 0), fix("A", 1, 1234.4)])
    assert event["type"] == "zone.enter"
    assert (event["pairing"], event["zone"], event["device"]) == ("P1", "victim", "A")
    assert (event["from"], event["to"], event["distance_m"]) == ("clear", "prealert", 1234)
    assert event["ts"] == "2026-03-02T06:00:01Z"


# Rule 8: alarms


def test_alarms_once_per_device_ts_and_alarm_of_a_known_device():
    cfg = config([pairing(valid_from=iso(1000))], alarm_phones=["T"])
    found = events(
        cfg,
        [
            fix("A", 10, alarm="sos"),  # outside the validity window
            fix("V", 20, alarm="tamper"),
            fix("A", 5, alarm="sos"),  # late
            fix("T", 30, alarm="sos"),  # alarm phone
            fix("T", 30, alarm="sos"),  # repeat: same event
        ],
    )
    assert sorted((e["type"], e["device"], e["ts"]) for e in found) == [
        ("device.tamper", "V", iso(20)),
        ("sos", "A", iso(5)),
        ("sos", "A", iso(10)),
        ("sos", "T", iso(30)),
    ]
    assert all(e["pairing"] is None and e["distance_m"] is None for e in found)


# Rule 9: battery


def battery_events(readings, late=()):
    fixes = [fix("A", i * 10, battery=b) for i, b in enumerate(readings)]
    fixes += [fix("A", -1 - i, battery=b) for i, b in enumerate(late)]
    return [(e["type"], e["ts"]) for e in events(ONE_PAIRING, fixes)]


def test_first_reading_under_20_emits():
    assert battery_events([19.5]) == [("device.battery_low", iso(0))]
    assert battery_events([20]) == []


def test_worsening_emits_the_new_state_only():
    assert battery_events([50, 9.9]) == [("device.battery_critical", iso(10))]
    assert battery_events([15, 12, 10, 9]) == [
        ("device.battery_low", iso(0)),
        ("device.battery_critical", iso(30)),
    ]


def test_improving_is_silent_and_needs_five_points():
    assert battery_events([15, 24, 19]) == [("device.battery_low", iso(0))]
    assert battery_events([15, 25, 19]) == [
        ("device.battery_low", iso(0)),
        ("device.battery_low", iso(20)),
    ]
    assert battery_events([5, 14, 9]) == [("device.battery_critical", iso(0))]
    assert battery_events([5, 15, 9]) == [
        ("device.battery_critical", iso(0)),
        ("device.battery_critical", iso(20)),
    ]


def test_critical_straight_back_to_ok_with_25():
    assert battery_events([5, 30, 19]) == [
        ("device.battery_critical", iso(0)),
        ("device.battery_low", iso(20)),
    ]


def test_late_or_missing_readings_change_nothing():
    assert battery_events([50, None], late=[5]) == []


# Rule 10: offline


def test_gap_over_offline_after_emits_offline_then_online():
    found = events(ONE_PAIRING, [fix("A", 0), fix("A", 180), fix("A", 400)])
    assert kinds(found) == [
        ("device.offline", iso(360), None, None, None),
        ("device.online", iso(400), None, None, None),
    ]


def test_offline_at_the_end_against_the_latest_fix_of_all():
    found = events(ONE_PAIRING, [fix("V", 0, 9000), fix("A", 0), fix("A", 180), fix("A", 181)])
    assert kinds(found) == [("device.offline", iso(180), None, None, None)]
    assert found[0]["device"] == "V"


def test_offline_after_is_a_setting():
    cfg = config([pairing()], settings={"offline_after_s": 30})
    found = events(cfg, [fix("A", 0), fix("A", 31)])
    assert [(e["type"], e["ts"]) for e in found] == [
        ("device.offline", iso(30)),
        ("device.online", iso(31)),
    ]


# Alarm phones, defaults, shared devices, ids


def test_alarm_phones_raise_device_events_only():
    cfg = config([pairing()], alarm_phones=["T"])
    found = events(cfg, [fix("T", 0, battery=5), fix("T", 500, 0, alarm="sos"), fix("A", 500, 0)])
    assert {e["type"] for e in found if e["device"] == "T"} == {
        "device.battery_critical",
        "device.offline",
        "device.online",
        "sos",
    }
    assert all(e["zone"] is None for e in found)


def test_prealert_defaults_to_twice_the_alert_distance():
    assert ONE_PAIRING.pairings[0].prealert_m == 2000
    cfg = config([pairing(alert_m=1000, prealert_m=1200)])
    found = events(cfg, [fix("V", 0), fix("A", 1, 1500)])
    assert found == []


def test_a_perpetrator_with_two_victims():
    cfg = config([pairing("P1", "A", "V"), pairing("P2", "A", "W")])
    found = events(
        cfg,
        [
            fix("V", 0),
            fix("W", 0, 3000),
            fix("A", 1, 100, alarm="sos"),
            fix("A", 2, 2900),
        ],
    )
    assert sorted(((e["pairing"], e["type"], e["to"]) for e in found), key=str) == [
        ("P1", "zone.enter", "alert"),
        ("P1", "zone.exit", "clear"),
        ("P2", "zone.enter", "alert"),
        (None, "sos", None),  # once, although A is in two pairings
    ]


def test_ids_are_deterministic_and_distinct():
    fixes = [fix("V", 0), fix("A", 1, 100), fix("A", 2, 5000, alarm="sos")]
    first = [e["id"] for e in events(ONE_PAIRING, fixes)]
    assert first == [e["id"] for e in events(ONE_PAIRING, fixes)]
    assert len(set(first)) == len(first) == 3
