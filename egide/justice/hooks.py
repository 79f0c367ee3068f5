"""What the justice domain plugs into the extension points: case closing, protection, its own
deadline board, home worklists."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from egide.accounts.roles import Role
from egide.cases import closing, protection
from egide.web import worklists

from . import board, health_reports
from .choices import ACTIVE_STATUSES, PENDING_STATUSES
from .models import ImmediateProtectionOrder, ProtectionOrder

WORKLIST_SIZE = 10


def order_in_progress(case):
    """An order pending or in force prevents closing the case."""
    statuses = (*PENDING_STATUSES, *ACTIVE_STATUSES)
    if case.protection_orders.filter(status__in=statuses).exists():
        return _("Une ordonnance de protection est en cours.")
    if case.immediate_orders.filter(status__in=statuses).exists():
        return _("Une ordonnance provisoire de protection immédiate est en cours.")
    return None


def cases_with_order(cases):
    # Two semi-joins rather than an OR over two joined tables: one pass over each table.
    return cases.filter(
        Q(pk__in=ProtectionOrder.objects.filter(status__in=ACTIVE_STATUSES).values("case_id"))
        | Q(
            pk__in=ImmediateProtectionOrder.objects.filter(status__in=ACTIVE_STATUSES).values(
                "case_id"
            )
        )
    )


def deadlines_worklist(request) -> worklists.Worklist:
    """The member's own court work (board.board_items), most urgent first, with its due date."""
    items = board.board_items(request.membership)[:WORKLIST_SIZE]
    now = timezone.now()
    return worklists.Worklist(
        title=gettext_lazy("Échéances judiciaires"),
        items=[
            worklists.Item(
                f"{item.label} — {item.case_reference}", item.url, board.due_detail(item, now)
            )
            for item in items
        ],
        url=reverse("justice:deadlines"),
    )


def register() -> None:
    closing.blockers.register(order_in_progress)
    protection.measures.register(cases_with_order)
    for source in (
        board.order_items,
        board.immediate_order_items,
        board.breach_items,
        board.parquet_request_items,
        board.linked_hearing_items,
        health_reports.health_report_items,
    ):
        board.sources.register(source)
    worklists.providers.register(deadlines_worklist, Role.PROSECUTOR, Role.JUDGE, Role.CLERK)
