"""The justice jobs on huey: every minute, idempotent, and run by a real consumer."""

import signal
import threading
import uuid
from datetime import UTC, datetime, timedelta

import pytest
import redis
import time_machine
from django.core import mail
from huey.contrib.djhuey import HUEY
from huey.signals import SIGNAL_COMPLETE
from huey.storage import RedisStorage, SqliteStorage

from egide.justice import rules
from egide.justice.choices import BreachKind, BreachSource
from egide.justice.models import BreachReport
from egide.justice.services import report_breach
from egide.justice.tasks import justice_tick

from .helpers import order_with_hearing

NOON = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def _breach(case):
    return report_breach(
        case, BreachKind.CONTACT_BAN, NOON, "Appels répétés", source=BreachSource.VICTIM
    )


def test_the_scheduler_queues_the_jobs_every_minute():
    for minute in range(0, 24 * 60, 7):
        due = HUEY.read_periodic(NOON + timedelta(minutes=minute))
        assert any(isinstance(task, justice_tick.task_class) for task in due)


@pytest.mark.django_db
def test_the_periodic_task_reminds_inside_the_window_once():
    case, court, order = order_with_hearing()
    with time_machine.travel(order.decision_due_at - timedelta(days=3), tick=False) as clock:
        justice_tick.call_local()
        assert mail.outbox == []
        clock.move_to(order.decision_due_at - timedelta(days=1))
        justice_tick.call_local()
        justice_tick.call_local()
    assert len(mail.outbox) == 1
    assert case.reference in mail.outbox[0].body
    assert court.prosecutor.user.email in mail.outbox[0].to


@pytest.mark.django_db
def test_an_unacknowledged_breach_is_escalated_by_the_next_run_after_its_delay():
    case, _court, _order = order_with_hearing()
    with time_machine.travel(NOON, tick=False) as clock:
        report = _breach(case)
        clock.move_to(NOON + rules.breach_acknowledgement_delay() - timedelta(seconds=1))
        justice_tick.call_local()
        report.refresh_from_db()
        assert report.escalated_at is None
        # The task runs every minute: the next run after the delay escalates.
        clock.move_to(NOON + rules.breach_acknowledgement_delay() + timedelta(minutes=1))
        justice_tick.call_local()
    report.refresh_from_db()
    assert report.escalated_at == NOON + rules.breach_acknowledgement_delay() + timedelta(minutes=1)


def _redis_storage():
    """A queue of its own on the machine's Redis (EGIDE_HUEY_REDIS_URL in production)."""
    storage = RedisStorage(f"egide-test-{uuid.uuid4().hex[:8]}", host="127.0.0.1", port=6379)
    try:
        storage.conn.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    return storage


@pytest.fixture(params=["sqlite", "redis"])
def sqlite_queue(request, tmp_path, monkeypatch):
    """The project's huey, queueing in a SQLite file of its own or on Redis (never in
    immediate mode)."""
    assert not HUEY.immediate
    if request.param == "sqlite":
        storage = SqliteStorage(HUEY.name, filename=tmp_path / "huey.db")
    else:
        storage = _redis_storage()
    monkeypatch.setattr(HUEY, "storage", storage)
    yield HUEY
    storage.flush_all()


@pytest.fixture
def consumer(sqlite_queue):
    """A consumer in threads, as `egide run_huey` runs it; the test's signal handlers restored."""
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    worker = sqlite_queue.create_consumer(workers=1, worker_type="thread", periodic=False)
    yield worker
    if worker.scheduler.is_alive():
        worker.stop(graceful=True)
    for signum, handler in handlers.items():
        signal.signal(signum, handler)


@pytest.mark.django_db(transaction=True)
def test_a_queued_run_is_executed_by_the_consumer(sqlite_queue, consumer):
    case, _court, _order = order_with_hearing()
    report = _breach(case)
    BreachReport.objects.filter(pk=report.pk).update(acknowledgement_due_at=NOON)
    done = threading.Event()

    @sqlite_queue.signal(SIGNAL_COMPLETE)
    def _completed(signal_name, task, *args, **kwargs):
        if isinstance(task, justice_tick.task_class):
            done.set()

    try:
        justice_tick()
        assert sqlite_queue.pending_count() == 1  # waiting in the SQLite file
        consumer.start()
        assert done.wait(timeout=5)
    finally:
        sqlite_queue.disconnect_signal(_completed, SIGNAL_COMPLETE)
    assert sqlite_queue.pending_count() == 0
    report.refresh_from_db()
    assert report.escalated_at is not None
