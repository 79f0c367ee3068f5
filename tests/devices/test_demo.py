"""The demo's orders and devices: every stage on the board, two BAR near Évreux, idempotent."""

import pytest
from django.utils import timezone

from egide.demo.seed import seed
from egide.devices import services
from egide.devices.models import AlarmPhoneAssignment, Device, Exemption, Pairing
from egide.justice.models import BreachReport, ImmediateProtectionOrder, ProtectionOrder
from egide.monitoring.configuration import engine_pairings

pytestmark = pytest.mark.django_db


def counts():
    models = (ProtectionOrder, ImmediateProtectionOrder, BreachReport, Device,
              AlarmPhoneAssignment, Pairing, Exemption)  # fmt: skip
    return [model.objects.count() for model in models]


def test_demo_orders_and_devices_are_seeded_once():
    seed()
    first = counts()
    seed()
    assert counts() == first
    statuses = set(ProtectionOrder.objects.values_list("status", flat=True))
    assert {"requested", "hearing_set", "in_force"} <= statuses
    assert ProtectionOrder.objects.filter(decision_due_at__lt=timezone.now(), status="hearing_set")
    assert BreachReport.objects.filter(escalated_at__isnull=False).exists()
    pairings = engine_pairings()["pairings"]
    assert len(pairings) == 2 and all(p["zones"] for p in pairings)
    assert any(zone["exemptions"] for p in pairings for zone in p["zones"])
    assert services.renewals_due().exists()
    assert len(engine_pairings()["alarm_phones"]) == 2
