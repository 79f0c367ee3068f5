"""The database goes away: intake answers 503 (devices keep their fixes and retry) and, once it
is back, every fix is there. PostgreSQL only: the connection really goes through a cut proxy."""

import threading
import time

import pytest
from django.db import connection
from django.urls import reverse

from egide.monitoring.models import Fix
from egide.tools.tcp_proxy import Proxy

from .helpers import SECRET, now_s, paired

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cuttable_database():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (the SQLite file cannot go away); see test_intake.py")
    settings_dict = connection.settings_dict
    original = (settings_dict["HOST"], settings_dict["PORT"])
    proxy = Proxy((original[0] or "127.0.0.1", int(original[1] or 5432)))
    proxy.start()
    connection.close()
    settings_dict["HOST"], settings_dict["PORT"] = "127.0.0.1", proxy.port
    yield proxy
    connection.close()  # says goodbye to the server through the proxy
    proxy.stop()
    settings_dict["HOST"], settings_dict["PORT"] = original
    _wait_for_cut_sessions_to_end()


def _wait_for_cut_sessions_to_end() -> None:
    """The server notices cut connections a moment later; the test database is dropped after."""
    others = (
        "SELECT count(*) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid()"
    )
    with connection.cursor() as cursor:
        for _ in range(50):
            cursor.execute(others)
            if cursor.fetchone()[0] == 0:
                break
            time.sleep(0.1)
    connection.close()


def test_intake_answers_503_while_the_database_is_away_and_loses_nothing(client, cuttable_database):
    pairing = paired()
    device = pairing.perpetrator_device.device_id
    url = reverse("monitoring:intake_osmand")
    start = now_s() - 60
    answers = []

    restored = threading.Event()

    def outage():
        time.sleep(0.5)
        cuttable_database.stop()
        time.sleep(2)
        cuttable_database.start()
        restored.set()

    cut = threading.Thread(target=outage)
    cut.start()
    # Back 2 s after the cut, intake must take fixes again soon: a test that waited for ever
    # would hang the whole run instead of failing.
    deadline = time.monotonic() + 60
    for n in range(40):
        params = {"id": device, "secret": SECRET, "timestamp": start + n, "lat": 49, "lon": 1}
        while True:  # the device keeps the fix until it hears 200
            status = client.get(url, params).status_code
            answers.append(status)
            if status == 200:
                break
            assert status == 503
            assert time.monotonic() < deadline, (
                f"intake still refuses (database restored: {restored.is_set()})"
            )
            time.sleep(0.1)
        time.sleep(0.05)
    cut.join()
    assert restored.is_set()
    assert 503 in answers
    assert Fix.objects.filter(device_id=device).count() == 40
