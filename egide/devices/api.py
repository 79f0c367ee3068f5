"""JSON API for the inventory, TGD grants, bracelet orders and pairings: the same rules and
permissions as the pages. The monitoring centre reads pairings without any address; a device's
intake secret is given once, when it is added."""

from datetime import datetime
from typing import Annotated

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from pydantic import StringConstraints

from egide.cases.perms import visible_cases
from egide.errors import require
from egide.justice.perms import visible_immediate_orders, visible_orders

from . import perms, secrets, services
from .choices import ContactBanBasis, DeviceKind, DeviceStatus, Framework
from .models import AlarmPhone, Device, FixedZone
from .selectors import (
    SECRET_PLACEHOLDER,
    civil_decisions,
    decided_pairing,
    installation_settings,
    place_bans_of,
    zone_rows,
)

router = Router(tags=["devices"])


class ExemptionOut(Schema):
    start: datetime
    end: datetime
    label: str


class ZoneOut(Schema):
    label: str
    alert_m: int
    prealert_m: int
    exemptions: list[ExemptionOut]


class PairingOut(Schema):
    id: int
    case_reference: str
    perpetrator_device: str
    victim_device: str
    alert_m: int
    prealert_m: int
    valid_from: datetime
    valid_until: datetime | None
    zones: list[ZoneOut]


class AssignmentOut(Schema):
    id: int
    case_id: int
    phone: str = Field(alias="phone.device_id")
    granted_at: datetime
    ends_at: datetime
    renewals: int
    withdrawn_at: datetime | None


class GrantIn(Schema):
    phone_id: int
    no_cohabitation: bool
    contact_ban_basis: ContactBanBasis = ContactBanBasis.NONE
    imminent_danger: str = ""
    express_consent: bool
    geolocation_consent: bool


class WithdrawIn(Schema):
    reason: str


class BraceletIn(Schema):
    framework: Framework
    alert_km: int
    perpetrator_consent: bool = False
    victim_consent: bool = False
    place_ban_ids: list[int] = []


class RevisionIn(Schema):
    alert_km: int
    reason: str


def pairing_out(pairing) -> dict:
    return {
        "id": pairing.pk,
        "case_reference": pairing.order.case.reference,
        "perpetrator_device": pairing.perpetrator_device.device_id,
        "victim_device": pairing.victim_device.device_id,
        "alert_m": pairing.alert_m,
        "prealert_m": pairing.prealert_m,
        "valid_from": pairing.valid_from,
        "valid_until": pairing.valid_until,
        "zones": zone_rows(pairing),
    }


@router.get("/pairings", response=list[PairingOut])
def list_pairings(request):
    """The active pairings as the monitoring centre needs them (the victim's safe contact is
    shown only on an open incident or a phone test, never listed)."""
    if not perms.is_monitoring(request.membership):
        raise PermissionDenied
    active = list(
        services.active_pairings().select_related(
            "order__case", "perpetrator_device", "victim_device"
        )
    )
    return [pairing_out(p) for p in active]


def court_case(request, case_id: int):
    return get_object_or_404(visible_cases(request.membership), pk=case_id)


@router.post("/cases/{int:case_id}/alarm-phones", response={201: AssignmentOut})
def grant_alarm_phone(request, case_id: int, payload: GrantIn):
    case = court_case(request, case_id)
    data = payload.dict()
    phone = get_object_or_404(AlarmPhone, pk=data.pop("phone_id"), status=DeviceStatus.STOCK)
    return Status(
        201, services.grant_alarm_phone(request.actor, case, phone, services.TgdGrant(**data))
    )


def court_assignment(request, assignment_id: int):
    if perms.is_monitoring(request.membership):
        raise PermissionDenied
    return get_object_or_404(perms.visible_assignments(request.membership), pk=assignment_id)


@router.post("/alarm-phones/{int:assignment_id}/renewal", response=AssignmentOut)
def renew_alarm_phone(request, assignment_id: int):
    assignment = court_assignment(request, assignment_id)
    return services.renew_alarm_phone(request.actor, assignment)


@router.post("/alarm-phones/{int:assignment_id}/withdrawal", response=AssignmentOut)
def withdraw_alarm_phone(request, assignment_id: int, payload: WithdrawIn):
    assignment = court_assignment(request, assignment_id)
    return services.withdraw_alarm_phone(request.actor, assignment, reason=payload.reason)


@router.post("/cases/{int:case_id}/bracelets", response={201: PairingOut})
def order_bracelet(request, case_id: int, payload: BraceletIn):
    case = court_case(request, case_id)
    op = visible_orders(request.membership).filter(case=case).active().first()
    oppi = visible_immediate_orders(request.membership).filter(case=case).active().first()
    civil = payload.framework == Framework.CIVIL
    bar = services.BarOrder(
        framework=payload.framework,
        alert_km=payload.alert_km,
        perpetrator_consent=payload.perpetrator_consent,
        victim_consent=payload.victim_consent,
        protection_order=op if civil else None,
        immediate_order=oppi if civil else None,
        place_bans=tuple(place_bans_of(op, oppi).filter(pk__in=payload.place_ban_ids)),
    )
    pairing = services.order_bracelet(request.actor, case, bar)
    return Status(201, pairing_out(pairing))


@router.post("/pairings/{int:pairing_id}/revision", response=PairingOut)
def revise_distances(request, pairing_id: int, payload: RevisionIn):
    pairing = get_object_or_404(perms.visible_pairings(request.membership), pk=pairing_id)
    services.revise_distances(request.actor, pairing, **payload.dict())
    return pairing_out(pairing)


class BraceletOut(Schema):
    id: int
    case_reference: str = Field(alias="case.reference")
    framework: Framework
    alert_km: int
    ordered_at: datetime
    ends_at: datetime | None
    renewals: int
    renewable: bool

    @staticmethod
    def resolve_renewable(decision) -> bool:
        return decision.is_criminal and services.bracelet_renewable(decision)


@router.post("/pairings/{int:pairing_id}/renewal", response=BraceletOut)
def renew_bracelet(request, pairing_id: int):
    """CPP R. 24-19: the judge extends a criminal BAR by one period, two years at most."""
    pairing = decided_pairing(request.membership, pairing_id)
    return services.renew_bracelet(request.actor, pairing.order)


class ZoneIn(Schema):
    measure_id: int


@router.post("/pairings/{int:pairing_id}/zones", response={201: PairingOut})
def add_zone(request, pairing_id: int, payload: ZoneIn):
    """A place ban of the case's orders becomes a fixed zone of the pairing."""
    pairing = decided_pairing(request.membership, pairing_id)
    place_bans = place_bans_of(*civil_decisions(request.membership, pairing.order.case))
    measure = place_bans.filter(pk=payload.measure_id).first()
    if measure is None:
        raise ValidationError(
            {"measure_id": _("Choisissez un lieu interdit d'une ordonnance de ce dossier.")}
        )
    services.watch_place_ban(request.actor, pairing, measure)
    return Status(201, pairing_out(pairing))


class ExemptionIn(Schema):
    zone_id: int
    start: datetime
    end: datetime
    label: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] = ""


class ExemptionCreatedOut(ExemptionOut):
    id: int
    zone_id: int


def local_aware(moment: datetime) -> datetime:
    """A time without offset is the court's local time, as in the page's form."""
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


@router.post("/pairings/{int:pairing_id}/exemptions", response={201: ExemptionCreatedOut})
def add_exemption(request, pairing_id: int, payload: ExemptionIn):
    """The judge authorises presence in one of the pairing's zones at set times: [start, end)."""
    pairing = decided_pairing(request.membership, pairing_id)
    zone = FixedZone.objects.filter(pairing=pairing, pk=payload.zone_id).first()
    if zone is None:
        raise ValidationError({"zone_id": _("Cette zone n'appartient pas à cet appairage.")})
    exemption = services.add_exemption(
        request.actor,
        zone,
        start=local_aware(payload.start),
        end=local_aware(payload.end),
        label=payload.label,
    )
    return Status(201, exemption)


DeviceText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]


class DeviceIn(Schema):
    kind: DeviceKind
    device_id: DeviceText
    serial_number: DeviceText


class DeviceOut(Schema):
    id: int
    kind: DeviceKind
    device_id: str
    serial_number: str
    status: DeviceStatus
    last_test_at: datetime | None
    next_test_due: datetime | None

    @staticmethod
    def resolve_next_test_due(device) -> datetime | None:
        return services.next_test_due(device)


class NewDeviceOut(Schema):
    device: DeviceOut
    intake_secret: str = Field(description="Shown once: only its hash is stored.")


class StatusIn(Schema):
    status: DeviceStatus


class TestIn(Schema):
    passed: bool


class TestOut(Schema):
    device: DeviceOut
    tested_at: datetime
    passed: bool


@router.get("/inventory", response=list[DeviceOut])
def list_inventory(request):
    """Every device of the monitoring centre, with its next 15-day test."""
    require(perms.can_see_inventory(request.membership))
    return Device.objects.all()


@router.get("/inventory/tests-due", response=list[DeviceOut])
def list_tests_due(request):
    """Phones out with a victim whose 15-day test is due (never tested counts as due)."""
    require(perms.can_test_devices(request.membership))
    return services.tests_due()


@router.post("/inventory", response={201: NewDeviceOut})
def add_device(request, payload: DeviceIn):
    require(perms.can_manage_inventory(request.membership))
    device, secret = services.add_device(request.actor, **payload.dict())
    return Status(201, {"device": device, "intake_secret": secret})


class ClientField(Schema):
    label: str
    value: str


class ClientSettingsOut(Schema):
    key: str
    client: str
    versions: str
    fields: list[ClientField]
    header: str
    qr_payload: str = Field(description="What the client's QR code holds (empty: none)")
    warnings: list[str]


class InstallationOut(Schema):
    device: DeviceOut
    intake_secret: str = Field(
        description=f"Shown once, after a rotation or revocation; else {SECRET_PLACEHOLDER!r} "
        "stands for it in the settings."
    )
    clients: list[ClientSettingsOut]


def installation(request, device, secret: str = "") -> dict:
    settings = installation_settings(request, device, secret or SECRET_PLACEHOLDER)
    return {
        "device": device,
        "intake_secret": secret,
        "clients": [client.as_dict() for client in settings],
    }


@router.get("/inventory/{int:device_pk}/installation", response=InstallationOut)
def device_installation(request, device_pk: int):
    """Per client, the exact settings that make this device report to Égide."""
    require(perms.can_manage_inventory(request.membership))
    return installation(request, get_object_or_404(Device, pk=device_pk))


@router.post("/inventory/{int:device_pk}/secret/rotation", response=InstallationOut)
def rotate_secret(request, device_pk: int):
    """A new secret; the previous one keeps working during the overlap window (audited)."""
    require(perms.can_manage_inventory(request.membership))
    device = get_object_or_404(Device, pk=device_pk)
    secret = secrets.rotate(request.actor, device)
    device.refresh_from_db()
    return installation(request, device, secret)


@router.post("/inventory/{int:device_pk}/secret/revocation", response=InstallationOut)
def revoke_secret(request, device_pk: int):
    """Lost or stolen: every current secret refused at once; a new one issued (audited)."""
    require(perms.can_manage_inventory(request.membership))
    device = get_object_or_404(Device, pk=device_pk)
    secret = secrets.revoke(request.actor, device)
    device.refresh_from_db()
    return installation(request, device, secret)


@router.post("/inventory/{int:device_pk}/status", response=DeviceOut)
def change_status(request, device_pk: int, payload: StatusIn):
    require(perms.can_manage_inventory(request.membership))
    device = get_object_or_404(Device, pk=device_pk)
    return services.change_status(request.actor, device, payload.status)


@router.post("/inventory/{int:device_pk}/tests", response={201: TestOut})
def record_test(request, device_pk: int, payload: TestIn):
    """The 15-day test of a phone (only phones are tested, as on the inventory page)."""
    require(perms.can_test_devices(request.membership))
    device = get_object_or_404(Device, pk=device_pk, kind=DeviceKind.ALARM_PHONE)
    return Status(201, services.record_test(request.actor, device, passed=payload.passed))
