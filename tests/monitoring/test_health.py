"""Device health board and platform health."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from egide.accounts.roles import Role
from egide.monitoring import health, intake, pipeline
from egide.monitoring.choices import RefusalReason
from egide.monitoring.models import Fix, IntakeRefusal

from .helpers import FAR, NS, VICTIM, now_s, paired

pytestmark = pytest.mark.django_db


def test_the_board_shows_last_fix_battery_offline_and_clock_errors(sign_in_as, client):
    pairing = paired()
    wearer, her = pairing.perpetrator_device, pairing.victim_device
    t = now_s()
    intake.store([intake.IncomingFix(wearer.device_id, "", t * NS, *FAR, battery_pct=64)], "t")
    intake.store([intake.IncomingFix(her.device_id, "", (t - 600) * NS, *VICTIM)], "t")
    Fix.objects.filter(device_id=her.device_id).update(
        received_at=timezone.now() - timedelta(minutes=10)
    )
    IntakeRefusal.objects.create(
        reason=RefusalReason.CLOCK_AHEAD, device_id=wearer.device_id, count=3
    )
    rows = {row.device.device_id: row for row in health.device_health()}
    assert rows[wearer.device_id].battery_pct == 64
    assert not rows[wearer.device_id].offline
    assert rows[wearer.device_id].clock_errors == 3
    assert rows[her.device_id].offline
    sign_in_as(role=Role.MONITORING_SUPERVISOR)
    html = client.get(reverse("monitoring:health")).content.decode().replace("\xa0", " ")
    assert "Hors ligne" in html and "64 %" in html
    assert re.search(r"il y a \d+ s \(", html)  # the wearer, seconds ago
    assert "il y a 10 minutes (" in html  # the victim's unit


def test_platform_health_flags_a_backlog_and_a_silent_engine():
    paired()
    pipeline.Worker()  # checkpoint with a fresh heartbeat
    assert not health.platform_health().degraded
    later = timezone.now() + timedelta(seconds=30)
    intake.store([intake.IncomingFix("x", "", now_s() * NS, 1.0, 2.0)], "t")
    assert set(health.platform_health(later).problems) == {"intake_lag", "engine_down"}
