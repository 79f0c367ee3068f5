"""Reminders before a deadline, sent once, and the periodic jobs of the justice domain.

Each job is a plain function of `now`, run by `egide justice tick` and by the huey periodic task
in `tasks.py` every minute; a reminder is recorded once (DeadlineReminder), so reruns and several
workers send nothing twice. E-mails carry a case reference or a device id and the deadline only,
never personal data. The devices domain sends its own reminders through `send_once`.
"""

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import NamedTuple

from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from egide.accounts.models import Membership

from . import health_reports, rules, services
from .choices import OrderStatus
from .models import DeadlineReminder, ImmediateProtectionOrder, ProtectionOrder
from .perms import COURT_ROLES


class Reminder(NamedTuple):
    """A deadline to announce; `subject` and `due_at` identify it, so a moved deadline is new."""

    subject: str
    what: str
    due_at: datetime
    audience: QuerySet[Membership]


def court_members(court_id, roles=COURT_ROLES) -> QuerySet[Membership]:
    return Membership.objects.filter(agency_id=court_id, role__in=roles)


def _about_case(label: str, case) -> str:
    return _("%(label)s — dossier %(reference)s") % {"label": label, "reference": case.reference}


def deadlines_near(now: datetime) -> Iterator[Reminder]:
    """OP and OPPI decisions and OP ends falling within their lead (rules.REMINDER_LEADS)."""
    leads = rules.REMINDER_LEADS
    orders = ProtectionOrder.objects.select_related("case")
    for order in orders.filter(
        status=OrderStatus.HEARING_SET, decision_due_at__lte=now + leads["op_decision"]
    ):
        yield Reminder(
            f"op:{order.pk}",
            _about_case(_("Décision OP"), order.case),
            order.decision_due_at,
            court_members(order.court_id),
        )
    for oppi in ImmediateProtectionOrder.objects.select_related("case").filter(
        status=OrderStatus.REQUESTED, decision_due_at__lte=now + leads["oppi_decision"]
    ):
        yield Reminder(
            f"oppi:{oppi.pk}",
            _about_case(_("Décision OPPI"), oppi.case),
            oppi.decision_due_at,
            court_members(oppi.court_id),
        )
    for order in orders.filter(status=OrderStatus.IN_FORCE, ends_at__lte=now + leads["op_expiry"]):
        yield Reminder(
            f"op-end:{order.pk}",
            _about_case(_("Fin d'une OP"), order.case),
            order.ends_at,
            court_members(order.court_id),
        )


def first_time(subject: str, due_at: datetime) -> bool:
    try:
        with transaction.atomic():
            DeadlineReminder.objects.create(subject=subject, due_at=due_at)
    except IntegrityError:
        return False
    return True


def addresses(audience: QuerySet[Membership]) -> list[str]:
    members = audience.filter(is_active=True).select_related("user")
    return sorted({m.user.email for m in members if m.user.email})


def wording(reminder: Reminder, now: datetime) -> tuple[str, str]:
    """Subject and body: a deadline already past (the first run after an outage, or one set
    late) is announced as overdue, never as "near"."""
    due = f"{timezone.localtime(reminder.due_at):%d/%m/%Y %H:%M}"
    if reminder.due_at <= now:
        body = _("%(what)s — échéance dépassée depuis le %(due)s.")
        return _("Égide : échéance dépassée"), body % {"what": reminder.what, "due": due}
    body = _("%(what)s — échéance le %(due)s.") % {"what": reminder.what, "due": due}
    return _("Égide : échéance proche"), body


def send_once(reminders: Iterable[Reminder], now: datetime | None = None) -> int:
    """Mails each reminder not sent before; returns how many e-mails went out.

    The record and the e-mail share a transaction: a mail server that fails, or an audience with
    no e-mail address yet, rolls the record back, so the next run tries again instead of the
    reminder being lost.
    """
    now = now or timezone.now()
    sent = 0
    for reminder in reminders:
        with transaction.atomic():
            if not first_time(reminder.subject, reminder.due_at):
                continue
            recipients = addresses(reminder.audience)
            if not recipients:  # nobody to tell yet: not recorded, so tried again next run
                transaction.set_rollback(True)
                continue
            subject, body = wording(reminder, now)
            sent += EmailMessage(subject, body, to=recipients).send()
    return sent


def send_reminders(now: datetime | None = None) -> int:
    now = now or timezone.now()
    return send_once(deadlines_near(now), now)


def tick(now: datetime | None = None) -> dict:
    """Every periodic job of the domain, in the order that matters (escalate before reminding)."""
    now = now or timezone.now()
    return {
        "escalated": services.escalate_overdue_breaches(now),
        "escalated_health_reports": health_reports.escalate_overdue_reports(now),
        "expired": services.expire_orders(now),
        "reminded": send_reminders(now),
    }
