"""The pôle VIF deadline board: everything the court has to do, soonest first.

An item is chosen by the state of its subject, never by its date: an overdue item stays on the
board (in red) until the act is done. Each item names the roles that do the act (`acted_by`): a
member sees only their own role's work (the JAF decides, the greffe sets hearings and notifies, the
procureur takes breaches into account and renews TGD). Domains, justice included, add items by
registering a source in their hooks.py (docs/architecture.md, "Extension points"):

    board.sources.register(lambda membership: [...Item...])
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from egide.accounts.roles import Role
from egide.registry import Registry

from . import linking, perms, rules
from .choices import OrderStatus

EXPIRY_WINDOW = rules.REMINDER_LEADS["op_expiry"]
# An item due within a day stands out before it is late (an OPPI has 24 hours in all).
DUE_SOON = timedelta(hours=24)
JUDGE = frozenset({Role.JUDGE})
CLERK = frozenset({Role.CLERK})
PROSECUTOR = frozenset({Role.PROSECUTOR})
# The end of an OP's measures: the JAF may be asked to extend or modify them, the parquet follows
# the cases whose TGD rests on the order's contact ban.
JUDGE_AND_PROSECUTOR = JUDGE | PROSECUTOR


@dataclass(frozen=True)
class Item:
    kind: str
    label: object
    case_reference: str
    url: str
    due_at: datetime | None
    acted_by: frozenset
    escalated: bool = False

    def time_left(self, now: datetime) -> timedelta | None:
        return None if self.due_at is None else self.due_at - now

    def is_due_soon(self, now: datetime) -> bool:
        """Due within DUE_SOON: shown in warning colours before it is late."""
        left = self.time_left(now)
        return left is not None and left < DUE_SOON

    def is_overdue(self, now: datetime) -> bool:
        return self.escalated or (self.due_at is not None and self.due_at < now)


Source = Callable[..., list[Item]]
sources: Registry[Source] = Registry("egide.justice.board.sources")


def order_items(membership) -> list[Item]:
    items = []
    orders = perms.visible_orders(membership).select_related("case")
    for order in orders.filter(status=OrderStatus.REQUESTED):
        items.append(
            Item(
                "op_hearing",
                _("OP : date d'audience à fixer"),
                order.case.reference,
                order.get_absolute_url(),
                None,
                CLERK,
            )
        )
    for order in orders.filter(status=OrderStatus.HEARING_SET):
        items.append(
            Item(
                "op_decision",
                _("OP : décision à rendre (6 jours)"),
                order.case.reference,
                order.get_absolute_url(),
                order.decision_due_at,
                JUDGE,
            )
        )
    for order in orders.filter(status=OrderStatus.GRANTED):
        items.append(
            Item(
                "op_notification",
                _("OP : à notifier"),
                order.case.reference,
                order.get_absolute_url(),
                None,
                CLERK,
            )
        )
    expiring = orders.filter(
        status=OrderStatus.IN_FORCE, ends_at__lte=timezone.now() + EXPIRY_WINDOW
    )
    for order in expiring:
        items.append(
            Item(
                "op_expiry",
                _("OP : fin des mesures"),
                order.case.reference,
                order.get_absolute_url(),
                order.ends_at,
                JUDGE_AND_PROSECUTOR,
            )
        )
    return items


def immediate_order_items(membership) -> list[Item]:
    oppis = perms.visible_immediate_orders(membership).select_related("case")
    items = [
        Item(
            "oppi_decision",
            _("OPPI : décision à rendre (24 heures)"),
            oppi.case.reference,
            oppi.get_absolute_url(),
            oppi.decision_due_at,
            JUDGE,
        )
        for oppi in oppis.filter(status=OrderStatus.REQUESTED)
    ]
    items += [
        Item(
            "oppi_notification",
            _("OPPI : à notifier"),
            oppi.case.reference,
            oppi.get_absolute_url(),
            None,
            CLERK,
        )
        for oppi in oppis.filter(status=OrderStatus.GRANTED)
    ]
    return items


def breach_items(membership) -> list[Item]:
    breaches = perms.visible_breaches(membership).unacknowledged().select_related("case")
    return [
        Item(
            "breach",
            _("Violation à prendre en compte"),
            breach.case.reference,
            reverse("justice:breaches"),
            breach.acknowledgement_due_at,
            PROSECUTOR,
            breach.is_escalated,
        )
        for breach in breaches
    ]


def parquet_request_items(membership) -> list[Item]:
    """An officer's request after an assessment: no legal delay, shown until answered."""
    requests = perms.visible_parquet_requests(membership).filter(answered_at__isnull=True)
    return [
        Item(
            "parquet_request",
            _("Demande des enquêteurs : %(kind)s") % {"kind": request.get_kind_display()},
            request.case.reference,
            reverse("justice:case", args=[request.case_id]),
            None,
            PROSECUTOR,
        )
        for request in requests.select_related("case")
    ]


def linked_hearing_items(membership) -> list[Item]:
    """A couple whose coming hearings are on different days or before different judges."""
    return [
        Item(
            "linked_hearings",
            _("Audiences liées : pas le même jour ou pas le même juge"),
            case.reference,
            reverse("justice:linked_hearings", args=[case.pk]),
            first_hearing_at,
            CLERK,
        )
        for case, first_hearing_at in linking.misaligned_couples(membership)
    ]


def board_items(membership) -> list[Item]:
    """The member's own work in their court: escalated first, then dated items soonest first
    (overdue ones thus lead), then undated ones."""
    if membership is None:
        return []
    items = [
        item
        for source in sources.entries()
        for item in source(membership)
        if membership.role in item.acted_by
    ]
    far = timezone.now() + timedelta(days=36500)
    return sorted(items, key=lambda item: (not item.escalated, item.due_at or far))


def due_detail(item: Item, now: datetime) -> str:
    """What the home page says of an item's deadline: overdue or due when."""
    if item.due_at is None:
        return str(_("Sans échéance légale"))
    when = date_format(timezone.localtime(item.due_at), "SHORT_DATETIME_FORMAT")
    if item.is_overdue(now):
        return str(_("En retard : à faire avant le %(date)s")) % {"date": when}
    return str(_("À faire avant le %(date)s")) % {"date": when}
