"""Reminders to the court before a deadline, and the periodic jobs of the justice domain.

Each job is a plain function of `now`, run by `egide justice tick` (cron or a huey periodic
task every few minutes); a reminder is recorded once (DeadlineReminder), so reruns send nothing
twice. E-mails carry the case reference and the deadline only, never personal data.
"""

from datetime import datetime

from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egide.accounts.models import Membership

from . import rules, services
from .models import DeadlineReminder, ImmediateProtectionOrder, OrderStatus, ProtectionOrder
from .perms import COURT_ROLES


def deadlines_near(now: datetime):
    """(subject, label, court_id, case reference, due_at) of deadlines within their lead."""
    leads = rules.REMINDER_LEADS
    orders = ProtectionOrder.objects.select_related("case")
    for order in orders.filter(
        status=OrderStatus.HEARING_SET, decision_due_at__lte=now + leads["op_decision"]
    ):
        yield f"op:{order.pk}", _("Décision OP"), order.court_id, order.case, order.decision_due_at
    for oppi in ImmediateProtectionOrder.objects.select_related("case").filter(
        status=OrderStatus.REQUESTED, decision_due_at__lte=now + leads["oppi_decision"]
    ):
        yield f"oppi:{oppi.pk}", _("Décision OPPI"), oppi.court_id, oppi.case, oppi.decision_due_at
    for order in orders.filter(status=OrderStatus.IN_FORCE, ends_at__lte=now + leads["op_expiry"]):
        yield f"op-end:{order.pk}", _("Fin d'une OP"), order.court_id, order.case, order.ends_at


def first_time(subject: str, due_at: datetime) -> bool:
    try:
        with transaction.atomic():
            DeadlineReminder.objects.create(subject=subject, due_at=due_at)
    except IntegrityError:
        return False
    return True


def court_addresses(court_id) -> list[str]:
    members = Membership.objects.filter(
        agency_id=court_id, role__in=COURT_ROLES, is_active=True
    ).select_related("user")
    return sorted({m.user.email for m in members if m.user.email})


def send_reminders(now: datetime | None = None) -> int:
    now = now or timezone.now()
    messages = []
    for subject, label, court_id, case, due_at in deadlines_near(now):
        if not first_time(subject, due_at):
            continue
        due = f"{timezone.localtime(due_at):%d/%m/%Y %H:%M}"
        body = _("%(label)s — dossier %(reference)s — échéance le %(due)s.") % {
            "label": label,
            "reference": case.reference,
            "due": due,
        }
        recipients = court_addresses(court_id)
        if recipients:
            messages.append((_("Égide : échéance proche"), body, None, recipients))
    return send_mass_mail(messages, fail_silently=False) if messages else 0


def tick(now: datetime | None = None) -> dict:
    """Every periodic job of the domain, in the order that matters (escalate before reminding)."""
    now = now or timezone.now()
    return {
        "escalated": services.escalate_overdue_breaches(now),
        "expired": services.expire_orders(now),
        "reminded": send_reminders(now),
    }
