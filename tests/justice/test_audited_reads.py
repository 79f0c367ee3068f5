"""The audit log claims only reads that happened: one entry per breach or order shown."""

import pytest
from django.urls import reverse
from django.utils import timezone

from egide.audit.choices import Action
from egide.audit.models import AuditEntry
from egide.justice import services
from egide.justice.choices import BreachKind, BreachSource
from tests.cases.factories import CaseFactory

from .helpers import court_of, requested_order

pytestmark = pytest.mark.django_db


def reads():
    return AuditEntry.objects.filter(action=Action.READ)


def test_an_empty_breach_inbox_claims_no_read(sign_in_as):
    court = court_of(CaseFactory())
    client = sign_in_as(court.prosecutor.membership)
    assert client.get(reverse("justice:breaches")).status_code == 200
    assert client.get("/api/v1/justice/breaches").status_code == 200
    claimed = [field for entry in reads() for field in entry.fields]
    assert not [field for field in claimed if "description" in field or "evidence" in field]
    assert not reads().filter(object_type__startswith="justice.breach").exists()


def test_each_breach_shown_is_recorded_as_read(sign_in_as):
    case, court, _ = requested_order()
    report = services.report_breach(
        case, BreachKind.CONTACT_BAN, timezone.now(), "Message vocal", source=BreachSource.VICTIM
    )
    sign_in_as(court.prosecutor.membership).get(reverse("justice:breaches"))
    entry = reads().get(object_type="justice.breachreport")
    assert entry.object_id == str(report.pk)
    assert entry.fields == ["description", "evidence"]


def test_an_empty_order_list_claims_no_read(sign_in_as):
    court = court_of(CaseFactory())
    client = sign_in_as(court.judge.membership)
    assert client.get("/api/v1/justice/orders").status_code == 200
    assert not reads().filter(object_type="justice.protectionorder").exists()
