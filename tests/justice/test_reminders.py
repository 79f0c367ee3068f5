"""Reminders before deadlines, sent once, and the periodic command."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from egide.justice import reminders, services
from egide.justice.models import BreachKind, BreachSource

from .helpers import order_with_hearing

pytestmark = pytest.mark.django_db


def test_the_court_is_reminded_once_two_days_before_the_op_deadline():
    case, court, order = order_with_hearing()
    early = order.decision_due_at - timedelta(days=3)
    assert reminders.send_reminders(early) == 0
    near = order.decision_due_at - timedelta(days=1)
    assert reminders.send_reminders(near) == 1
    assert case.reference in mail.outbox[0].body
    assert court.judge.user.email in mail.outbox[0].to
    assert reminders.send_reminders(near) == 0


def test_tick_escalates_overdue_breaches(capsys):
    case, court, order = order_with_hearing()
    services.report_breach(
        case, BreachKind.CONTACT_BAN, timezone.now(), "Appels répétés", source=BreachSource.VICTIM
    )
    result = reminders.tick(timezone.now() + timedelta(hours=2))
    assert result["escalated"] == 1
    call_command("justice", "escalate")
    assert "escalate: 0" in capsys.readouterr().out
