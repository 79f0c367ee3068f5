"""The bulk JSON Lines writer: byte for byte what `json.dumps` makes of each event."""

import io
import json

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from egide.engine import Engine
from egide.engine.output import EventWriter
from egide.engine.reference import oracle_events
from egide.engine.timestamps import NS_PER_S, format_iso, iso_texts

from .strategies import configs, streams
from .support import T0, config, engine_batch, fix, pairing, zone


def written(engine: Engine, batches) -> str:
    out = io.StringIO()
    writer = EventWriter(engine, out)
    for batch in batches:
        for columns in engine.process_columns(batch):
            writer.write(columns)
    writer.write(engine.finish_columns())
    assert writer.count == out.getvalue().count("\n")
    return out.getvalue()


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
