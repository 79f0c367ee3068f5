"""What the devices pages and the API both read: a pairing the member may decide on, the
decisions a civil bracelet may come with and their place bans, a pairing's zones, a device's
client settings."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from egide.justice.choices import ACTIVE_STATUSES, MeasureKind, OrderStatus
from egide.justice.models import Measure
from egide.justice.perms import visible_immediate_orders, visible_orders

from . import perms, provisioning

SECRET_PLACEHOLDER = "SECRET"  # noqa: S105 (stands for the secret, never shown again)


def installation_settings(request, device, secret: str):
    """Each client's settings for `device`, with the intake URLs as this request reaches them."""

    def url(name):
        return request.build_absolute_uri(reverse(name))

    return provisioning.client_settings(
        device, secret, url("monitoring:intake_osmand"), url("monitoring:intake_traccar")
    )


def zone_rows(pairing) -> list[dict]:
    """The fixed zones of a pairing as the court and the centre read them."""
    return [
        {
            "label": _("Domicile de la victime") if zone.is_victim_home else zone.label,
            "alert_m": zone.alert_m,
            "prealert_m": zone.prealert_m,
            "exemptions": list(zone.exemptions.all()),
        }
        for zone in pairing.zones.all()
    ]


def civil_decisions(membership, case):
    """The OP (pending or in force) and the OPPI in force a civil BAR may come with."""
    op = (
        visible_orders(membership)
        .filter(case=case)
        .exclude(status__in=(OrderStatus.REJECTED, OrderStatus.LIFTED, OrderStatus.EXPIRED))
        .first()
    )
    oppi = (
        visible_immediate_orders(membership).filter(case=case, status__in=ACTIVE_STATUSES).first()
    )
    return op, oppi


def place_bans_of(op, oppi):
    """The place bans of those decisions, offered as fixed zones."""
    decisions = Q(pk__in=[])
    if op is not None:
        decisions |= Q(protection_order=op)
    if oppi is not None:
        decisions |= Q(immediate_order=oppi)
    return Measure.objects.filter(decisions, kind=MeasureKind.PLACE_BAN)


def unwatched_place_bans(membership, pairing):
    """The place bans of the case's orders not yet watched as fixed zones of the pairing."""
    op, oppi = civil_decisions(membership, pairing.order.case)
    return place_bans_of(op, oppi).exclude(zones__pairing=pairing)


def decided_pairing(membership, pairing_pk):
    """A pairing of the court the member's role may decide on (the judge), else refused."""
    pairing = get_object_or_404(perms.visible_pairings(membership), pk=pairing_pk)
    if not perms.can_order_bracelet(membership, pairing.order.case):
        raise PermissionDenied
    return pairing
