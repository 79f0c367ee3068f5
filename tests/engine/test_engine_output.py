"""The bulk JSON Lines writer: byte for byte what `json.dumps` makes of each event."""

import io
import json

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from egide.engine import Engine
from egide.engine.kernel import BATTERY_LOW_EVENT, EventBuffer
from egide.engine.output import EventWriter
from egide.engine.reference import oracle_events
from egide.engine.timestamps import NS_PER_S, format_iso, iso_texts

from .strategies import configs, streams
from .support import T0, config, engine_batch, fix, pairing, zone

DTYPES = (np.int64, np.int32, np.int32, np.int8, np.int8, np.float64)  # EventBuffer's, less kind


def written(engine: Engine, batches) -> str:
    out = io.BytesIO()
    writer = EventWriter(engine, out)
    for batch in batches:
        for columns in engine.process_columns(batch):
            writer.write(columns)
    writer.write(engine.finish_columns())
    assert writer.count == out.getvalue().count(b"\n")
    return out.getvalue().decode("ascii")


def dumped(events) -> list[str]:
    """The plain way: one dict per event, `json.dumps` with the compact separators."""
    return [json.dumps(e.to_dict(), separators=(",", ":")) + "\n" for e in events]


@settings(max_examples=150, deadline=None)
@given(configs(), streams())
def test_writer_equals_json_dumps_of_each_event(cfg, fixes):
    engine = Engine(cfg)
    lines = written(engine, [engine_batch(engine, fixes)])
    assert sorted(lines.splitlines(keepends=True)) == sorted(dumped(oracle_events(cfg, fixes)))


def test_writer_escapes_ids_as_json_does():
    odd = 'Ünïcode "quoted" \\ back\tslash'
    cfg = config(
        [
            pairing(7, odd, "V", zones=[zone(42, 0)]),
            pairing("P\u2028", "V", "A\x01", zones=[zone("é", 0)]),
        ]
    )
    fixes = [
        fix("V", 0),
        fix(odd, 0.5, 100, alarm="sos"),
        fix("A\x01", 1.25, 50, alarm="tamper"),
        fix(odd, 900.000001, 9000, battery=5),
        fix("A\x01", 900.000000001, 9000),
    ]
    engine = Engine(cfg)
    lines = written(engine, [engine_batch(engine, fixes)])
    expected = dumped(oracle_events(cfg, fixes))
    assert len(expected) > 8
    assert sorted(lines.splitlines(keepends=True)) == sorted(expected)


def test_an_alarm_repeated_across_chunks_is_written_once():
    cfg = config([pairing()])
    engine = Engine(cfg)
    batches = [engine_batch(engine, [fix("A", 0), fix("A", 60)])]
    batches += [engine_batch(engine, [fix("A", 0, alarm="sos")]) for _ in range(3)]
    lines = written(engine, batches).splitlines()
    assert [json.loads(line)["type"] for line in lines] == ["sos"]


@given(st.lists(st.integers(0, 230 * 365 * 86_400 * NS_PER_S), max_size=50))
def test_iso_texts_equal_format_iso(stamps):
    stamps += [T0, T0 + 1, T0 + 1000, T0 + 1_000_000, T0 + NS_PER_S - 1]
    assert iso_texts(np.array(stamps, np.int64)) == [format_iso(ns) for ns in stamps]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 7),  # kind
            st.one_of(  # any time of 1970-2200, to the ns; ms and µs fractions too
                st.integers(0, 230 * 365 * 86_400 * NS_PER_S),
                st.sampled_from((0, 1, 1000, 1_000_000, 999_000_000, NS_PER_S - 1)).map(
                    lambda ns: T0 + ns
                ),
            ),
            st.integers(0, 4),  # device
            st.integers(-1, 2),  # slot, -1 for a device event
            st.integers(0, 2),
            st.integers(0, 2),
            st.one_of(  # distances, halves included (round() takes them to the even metre)
                st.floats(0, 2e7),
                st.integers(0, 40).map(lambda k: k + 0.5),
            ),
        ),
        max_size=40,
    )
)
def test_each_line_is_the_events_own_json(rows):
    """Whatever the time (fractions of a second to the ns), distance or ids, a written line is
    `json.dumps` of that event's dict, id included."""
    cfg = config(
        [pairing("P\u00e9", "A", "V\u2028", zones=[zone(42, 0)]), pairing(7, "B", "W")],
        ["T"],
    )
    engine = Engine(cfg)
    # Zone events (a slot) enter or exit; device events are battery, offline or online ones.
    kinds = [r[0] % 2 if r[3] >= 0 else BATTERY_LOW_EVENT + r[0] % 4 for r in rows]
    columns = EventBuffer(
        np.array(kinds, np.int8),
        *(np.array([r[k] for r in rows], dtype) for k, dtype in enumerate(DTYPES, start=1)),
    )
    out = io.BytesIO()
    EventWriter(engine, out).write(columns)
    assert out.getvalue().decode("ascii").splitlines(keepends=True) == dumped(
        engine.events(columns)
    )
