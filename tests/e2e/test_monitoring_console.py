"""The monitoring centre in the browser: a bracelet enters the alert zone, the alert appears in
the operator's console without reloading, the operator takes it and sends police, and the
breach report is in the procureur's inbox."""

import json
import threading
import time
import urllib.error
import urllib.request

import pytest
from django.db import OperationalError, connection
from django.test import Client
from playwright.sync_api import expect

from egide.accounts.roles import Role
from egide.monitoring import pipeline
from tests.conftest import sign_in
from tests.factories import MembershipFactory
from tests.monitoring.helpers import (
    CLOSE,
    FAR,
    SECRET,
    VICTIM,
    fix,
    now_s,
    paired,
)

from .browser import check_accessibility, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def engine_worker():
    """`start()` runs the engine worker beside the live server, as `egide monitor worker` would.

    The test database is SQLite's shared-cache memory database, where a write meeting another
    connection's lock fails at once instead of waiting: the worker then simply tries again.
    """
    stop = threading.Event()
    thread = threading.Thread(target=_work, args=(stop,), daemon=True)
    yield thread.start
    stop.set()
    if thread.is_alive():
        thread.join(timeout=10)


def _work(stop) -> None:
    try:
        while not stop.is_set():
            try:
                pipeline.run(pipeline.Worker(), stop=stop.is_set, idle_sleep_s=0.2)
            except OperationalError:
                time.sleep(0.2)
    finally:
        connection.close()


def session_cookie(live_server, membership) -> dict:
    client = Client()
    sign_in(client, membership)
    value = client.cookies["sessionid"].value
    return {"name": "sessionid", "value": value, "url": live_server.url}


def send(live_server, fixes, attempts: int = 50) -> None:
    """The bracelets' gateway posting to the batch intake endpoint; like a device, it keeps
    the fixes and retries while the answer is 503."""
    request = urllib.request.Request(  # noqa: S310 (the live server, on loopback)
        f"{live_server.url}/surveillance/reception/lot/",
        data=json.dumps({"fixes": fixes}).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {SECRET}"},
        method="POST",
    )
    for _ in range(attempts):
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                assert response.status == 200
                return
        except urllib.error.HTTPError as error:
            if error.code != 503:
                raise
            time.sleep(0.2)
    raise AssertionError("intake kept answering 503")


def test_an_alert_reaches_the_console_live_and_the_procureur(
    signed_in_page, live_server, engine_worker
):
    pairing = paired()
    case = pairing.order.case
    wearer, her = pairing.perpetrator_device, pairing.victim_device
    prosecutor = session_cookie(
        live_server, MembershipFactory(role=Role.PROSECUTOR, agency=case.court)
    )
    page = signed_in_page(MembershipFactory(role=Role.MONITORING_OPERATOR))
    engine_worker()
    page.goto("/surveillance/")
    expect(page.get_by_text("Aucun incident en cours.")).to_be_visible()
    t = now_s()
    send(live_server, [fix(her, t, VICTIM), fix(wearer, t, FAR)])
    send(live_server, [fix(wearer, t + 15, CLOSE)])
    alert = page.get_by_role("link", name="Traiter Alerte")
    expect(alert).to_be_visible(timeout=15_000)  # pushed: no reload
    screenshot(page, "monitoring-console-alert")
    check_accessibility(page)
    alert.click()
    expect(page.get_by_text("06 11 22 33 44")).to_be_visible()  # her safe contact
    page.get_by_role("button", name="Prendre en charge").click()
    expect(page.get_by_text("Pris en charge", exact=True).first).to_be_visible()
    page.get_by_role("button", name="Envoyer les forces de l'ordre").click()
    expect(page.get_by_text("demandé à")).to_be_visible()
    expect(page.get_by_text("Violation signalée automatiquement au parquet.")).to_be_visible()
    check_accessibility(page)
    screenshot(page, "monitoring-incident-police-sent")

    page.context.clear_cookies()
    page.context.add_cookies([prosecutor])
    page.goto("/justice/violations/")
    expect(page.get_by_text("Franchissement de la distance d'alerte").first).to_be_visible()
    expect(page.get_by_text(case.reference).first).to_be_visible()
