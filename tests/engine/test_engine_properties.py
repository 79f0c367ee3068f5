"""The fast engine against the oracle on random worlds; batches and snapshots change nothing."""

from unittest.mock import patch

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from egide.engine import engine as engine_module
from egide.engine.reference import oracle_events

from .strategies import configs, streams
from .support import as_multiset, run_engine

CHECKS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@CHECKS
@given(configs(), streams())
def test_engine_agrees_with_the_oracle(cfg, fixes):
    assert as_multiset(run_engine(cfg, fixes)) == as_multiset(oracle_events(cfg, fixes))


@settings(CHECKS, max_examples=100)
@given(configs(), streams(), st.data())
def test_batches_and_snapshots_change_nothing(cfg, fixes, data):
    cuts = data.draw(st.lists(st.integers(0, len(fixes)), max_size=6))
    whole = as_multiset(run_engine(cfg, fixes))
    assert as_multiset(run_engine(cfg, fixes, cuts)) == whole
    assert as_multiset(run_engine(cfg, fixes, cuts, restore=True)) == whole


@settings(CHECKS, max_examples=25)
@given(configs(), streams())
def test_each_fix_in_its_own_batch(cfg, fixes):
    one_by_one = run_engine(cfg, fixes, cuts=range(len(fixes)), restore=True)
    assert as_multiset(one_by_one) == as_multiset(oracle_events(cfg, fixes))


@settings(CHECKS, max_examples=40)
@given(configs(), streams())
def test_a_full_event_buffer_loses_nothing(cfg, fixes):
    with patch.object(engine_module, "_EVENT_BUFFER", 1):  # the kernel must stop and resume
        assert as_multiset(run_engine(cfg, fixes)) == as_multiset(oracle_events(cfg, fixes))
