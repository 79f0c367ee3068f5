"""Reminders before deadlines, sent once, retried when the mail server fails, and the command."""

import socket
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from egide.justice import reminders, services
from egide.justice.choices import BreachKind, BreachSource

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


def test_a_deadline_already_past_is_announced_as_overdue_not_near():
    case, court, order = order_with_hearing()
    twelve_hours_late = order.decision_due_at + timedelta(hours=12)
    assert reminders.send_reminders(twelve_hours_late) == 1
    message = mail.outbox[0]
    assert message.subject == "Égide : échéance dépassée"
    assert "échéance dépassée depuis le" in message.body
    assert "proche" not in message.subject


def test_a_reminder_nobody_could_receive_goes_out_once_someone_has_an_address():
    case, court, order = order_with_hearing()
    near = order.decision_due_at - timedelta(days=1)
    members = reminders.court_members(order.court_id).select_related("user")
    users = [membership.user for membership in members]
    address = users[0].email
    for user in users:
        user.email = ""
        user.save()
    assert reminders.send_reminders(near) == 0
    users[0].email = address
    users[0].save()
    assert reminders.send_reminders(near) == 1
    assert mail.outbox[0].to == [address]


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_reminder_the_mail_server_refused_goes_out_on_the_next_run():
    case, court, order = order_with_hearing()
    near = order.decision_due_at - timedelta(days=1)
    unreachable = {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": _closed_port(),
        "EMAIL_TIMEOUT": 2,
    }
    with override_settings(**unreachable), pytest.raises(OSError):
        reminders.send_reminders(near)
    assert mail.outbox == []
    assert reminders.send_reminders(near) == 1
    assert case.reference in mail.outbox[0].body


def test_tick_escalates_overdue_breaches(capsys):
    case, court, order = order_with_hearing()
    services.report_breach(
        case, BreachKind.CONTACT_BAN, timezone.now(), "Appels répétés", source=BreachSource.VICTIM
    )
    result = reminders.tick(timezone.now() + timedelta(hours=2))
    assert result["escalated"] == 1
    call_command("justice", "escalate")
    assert "escalate: 0" in capsys.readouterr().out
