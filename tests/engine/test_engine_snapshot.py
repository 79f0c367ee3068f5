"""Snapshots are exact and tied to their configuration."""

import pytest

from egide.engine import Engine, InputError

from .support import config, engine_batch, fix, pairing, zone


def test_restored_engine_continues_exactly():
    cfg = config([pairing(zones=[zone()])])
    first, second = [fix("V", 0), fix("A", 1, 100)], [fix("A", 2, 9000), fix("A", 500, 100)]
    engine = Engine(cfg)
    engine.process(engine_batch(engine, first))
    restored = Engine(cfg)
    restored.restore(engine.snapshot())
    assert restored.snapshot() == engine.snapshot()
    assert restored.process(engine_batch(restored, second)) == engine.process(
        engine_batch(engine, second)
    )
    assert restored.counters == engine.counters


def test_state_stays_under_a_kilobyte_per_pairing():
    cfg = config(
        [
            pairing(f"P{i}", f"A{i}", f"V{i}", zones=[zone(f"z{k}") for k in range(3)])
            for i in range(100)
        ]
    )
    assert Engine(cfg).state_bytes() / 100 < 1024


def test_snapshot_of_another_configuration_is_refused():
    snapshot = Engine(config([pairing()])).snapshot()
    with pytest.raises(InputError, match="another configuration"):
        Engine(config([pairing(alert_m=2000)])).restore(snapshot)


def test_reconfigured_engine_keeps_positions_levels_and_counters():
    before = config([pairing("P1", zones=[zone("home", 0)])])
    engine = Engine(before)
    engine.process(engine_batch(engine, [fix("V", 0), fix("A", 1, 100, battery=15)]))
    after = config([pairing("P1", zones=[zone("home", 0)]), pairing("P2", "B", "V")])
    moved = engine.reconfigured(after)
    assert moved.counters == engine.counters
    # Still inside both zones and still low: no new enter, no new battery_low.
    found = moved.process(engine_batch(moved, [fix("A", 2, 120, battery=14), fix("B", 3, 9000)]))
    assert found == []
    assert [e.type for e in moved.process(engine_batch(moved, [fix("A", 4, 9000)]))] == [
        "zone.exit",
        "zone.exit",
    ]


def test_silent_before_names_devices_quiet_for_longer_than_offline_after():
    engine = Engine(config([pairing()]))
    engine.process(engine_batch(engine, [fix("V", 0), fix("A", 100)]))
    silent = engine.silent_before(fix("A", 250).ts)
    assert [engine.devices[d] for d in silent] == ["V"]
    assert engine.latest_ts(silent[0]) == fix("V", 0).ts
