"""What the devices domain plugs into the extension points: case closing, protection, the court's
deadline board, home worklists."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from egide.cases import closing, protection
from egide.justice import board
from egide.web import worklists

from . import perms, services
from .models import AlarmPhoneAssignment, BraceletOrder

WORKLIST_SIZE = 10


def phone_assigned(case):
    if case.alarm_phones.filter(withdrawn_at__isnull=True, ends_at__gt=timezone.now()).exists():
        return _("Un téléphone grave danger est attribué.")
    return None


def bracelet_active(case):
    live = Q(pairings__valid_until__isnull=True) | Q(pairings__valid_until__gt=timezone.now())
    if case.bracelet_orders.filter(ended_at__isnull=True).filter(live).exists():
        return _("Un bracelet anti-rapprochement est actif.")
    return None


def cases_with_device(cases):
    # Two semi-joins rather than an OR over joined tables: one pass over each table.
    now = timezone.now()
    phones = AlarmPhoneAssignment.objects.filter(withdrawn_at__isnull=True, ends_at__gt=now)
    bracelets = BraceletOrder.objects.filter(ended_at__isnull=True, pairings__valid_from__lte=now)
    return cases.filter(Q(pk__in=phones.values("case_id")) | Q(pk__in=bracelets.values("case_id")))


def renewal_items(membership) -> list[board.Item]:
    renewals = services.renewals_due().filter(
        pk__in=perms.visible_assignments(membership).values("pk")
    )
    return [
        board.Item(
            "tgd_renewal",
            gettext_lazy("TGD : renouvellement à décider"),
            assignment.case.reference,
            reverse("devices:assignment", args=[assignment.pk]),
            assignment.ends_at,
            board.PROSECUTOR,  # the procureur grants and renews a TGD (CPP 41-3-1)
        )
        for assignment in renewals.select_related("case")
    ]


def bracelet_renewal_items(membership) -> list[board.Item]:
    """Criminal BAR near the end of a period, for the court (R. 24-19: renewal or end)."""
    due = services.bracelet_renewals_due().filter(
        pk__in=perms.visible_bracelet_orders(membership).values("pk")
    )
    items = []
    for decision in due.select_related("case").prefetch_related("pairings"):
        renewable = services.bracelet_renewable(decision)
        pairing = decision.pairings.all()[0]
        items.append(
            board.Item(
                "bar_renewal" if renewable else "bar_final_end",
                gettext_lazy("BAR pénal : renouvellement à décider")
                if renewable
                else gettext_lazy("BAR pénal : fin de la durée maximale"),
                decision.case.reference,
                reverse("devices:pairing", args=[pairing.pk]),
                decision.ends_at,
                board.JUDGE_AND_PROSECUTOR,  # the judge renews it, the parquet asks
            )
        )
    return items


def phone_tests_worklist(request) -> worklists.Worklist:
    phones = services.tests_due()[:WORKLIST_SIZE]
    return worklists.Worklist(
        title=gettext_lazy("Téléphones à tester (tous les 15 jours)"),
        items=[worklists.Item(phone.device_id, reverse("devices:list")) for phone in phones],
        url=reverse("devices:list"),
    )


def register() -> None:
    closing.blockers.register(phone_assigned)
    closing.blockers.register(bracelet_active)
    protection.measures.register(cases_with_device)
    board.sources.register(renewal_items)
    board.sources.register(bracelet_renewal_items)
    worklists.providers.register(phone_tests_worklist, *perms.MONITORING_ROLES)
