"""Demo devices for `egide demo`: TGD and BAR stock, two TGD granted (one due for renewal) and
two BAR pairings near Évreux with fixed zones and an exemption window.

Idempotent: the stock is keyed by device id; grants and pairings are made once.
"""

from datetime import timedelta

from django.utils import timezone

from egide.accounts.roles import Role
from egide.justice.choices import MeasureKind, OrderStatus
from egide.justice.models import ProtectionOrder

from . import services
from .choices import DeviceKind, Framework
from .models import AlarmPhoneAssignment, Device, Pairing

STOCK = {DeviceKind.ALARM_PHONE: ("TGD", 6), DeviceKind.PERPETRATOR_BRACELET: ("BAR-A", 4),
         DeviceKind.VICTIM_UNIT: ("BAR-V", 4)}  # fmt: skip
COURT = "tj_evreux"


def populate(context) -> None:
    supervisor = context.acting(Role.MONITORING_SUPERVISOR, "monitoring")
    for kind, (prefix, count) in STOCK.items():
        for number in range(1, count + 1):
            device_id = f"{prefix}-{number:04d}"
            if not Device.objects.filter(device_id=device_id).exists():
                services.add_device(
                    supervisor, kind=kind, device_id=device_id, serial_number=f"SN-{device_id}"
                )
    orders = ProtectionOrder.objects.filter(
        court=context.agencies[COURT], status=OrderStatus.IN_FORCE
    ).order_by("pk")
    if not AlarmPhoneAssignment.objects.exists():
        grant_phones(context, orders)
    if not Pairing.objects.exists():
        pair_bracelets(context, orders)


def grant_phones(context, orders) -> None:
    prosecutor = context.acting(Role.PROSECUTOR, COURT)
    phones = Device.objects.filter(kind=DeviceKind.ALARM_PHONE, status="stock").order_by("pk")
    for order, phone in zip(orders[:2], phones, strict=False):
        grant = services.TgdGrant(True, "protection_order", "", True, True)
        services.grant_alarm_phone(prosecutor, order.case, phone, grant)
    first = AlarmPhoneAssignment.objects.order_by("pk").first()
    if first is not None:  # five months ago: its renewal is due on the board
        AlarmPhoneAssignment.objects.filter(pk=first.pk).update(
            granted_at=first.granted_at - timedelta(days=160),
            ends_at=first.ends_at - timedelta(days=160),
        )


def pair_bracelets(context, orders) -> None:
    judge = context.acting(Role.JUDGE, COURT)
    with_places = [o for o in orders if o.measures.filter(kind=MeasureKind.PLACE_BAN).exists()]
    for order in with_places[:2]:
        bar = services.BarOrder(
            framework=Framework.CIVIL,
            alert_km=2,
            perpetrator_consent=True,
            victim_consent=True,
            protection_order=order,
            place_bans=tuple(order.measures.filter(kind=MeasureKind.PLACE_BAN)),
        )
        pairing = services.order_bracelet(judge, order.case, bar)
        zone = pairing.zones.first()
        start = timezone.localtime().replace(hour=8, minute=0, second=0, microsecond=0)
        services.add_exemption(
            judge,
            zone,
            start=start + timedelta(days=1),
            end=start + timedelta(days=1, hours=1),
            label="Trajet autorisé vers le tribunal (audience)",
        )
