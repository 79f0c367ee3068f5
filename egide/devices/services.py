"""The operations on the device inventory, TGD grants, bracelet orders and pairings."""

import re
from dataclasses import dataclass, replace
from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from egide.accounts.actor import Actor
from egide.audit.choices import Action
from egide.audit.services import record
from egide.cases.services import add_timeline_entry
from egide.errors import RuleError, require
from egide.justice.choices import MeasureKind
from egide.justice.rules import add_months, end_of_day

from . import contact_bans, perms, rules
from .choices import DeviceKind, DeviceStatus, Framework
from .models import (
    DEVICE_ID_PATTERN,
    AlarmPhone,
    AlarmPhoneAssignment,
    BraceletOrder,
    Device,
    DeviceTest,
    DistanceRevision,
    Exemption,
    FixedZone,
    Pairing,
)
from .secrets import new_secret


@transaction.atomic
def add_device(
    actor: Actor, *, kind: str, device_id: str, serial_number: str
) -> tuple[Device, str]:
    """A new device in stock, with its own intake secret, returned once and stored hashed."""
    require(perms.can_manage_inventory(actor.membership))
    if not re.fullmatch(DEVICE_ID_PATTERN, device_id):
        raise RuleError(_("Caractères ASCII imprimables uniquement, sans espace."))
    if Device.objects.filter(device_id=device_id).exists():
        raise RuleError(_("Un dispositif porte déjà cet identifiant."))
    secret, digest = new_secret()
    device = Device.objects.create(
        kind=kind, device_id=device_id, serial_number=serial_number, intake_secret_hash=digest
    )
    record(actor, Action.CREATE, device, fields=["kind", "device_id", "serial_number"])
    return device, secret


# Which states an inventory change may lead to; ASSIGNED is reached only by a grant or pairing.
INVENTORY_MOVES = {
    DeviceStatus.STOCK: {DeviceStatus.IN_REPAIR, DeviceStatus.LOST},
    DeviceStatus.ASSIGNED: {DeviceStatus.LOST, DeviceStatus.RETURNED},
    DeviceStatus.IN_REPAIR: {DeviceStatus.STOCK, DeviceStatus.LOST},
    DeviceStatus.LOST: {DeviceStatus.STOCK},
    DeviceStatus.RETURNED: {DeviceStatus.STOCK, DeviceStatus.IN_REPAIR},
}


@transaction.atomic
def change_status(actor: Actor, device: Device, status: str) -> Device:
    require(perms.can_manage_inventory(actor.membership))
    if status not in INVENTORY_MOVES[device.status]:
        raise RuleError(_("Ce changement d'état n'est pas possible."))
    if device.status == DeviceStatus.ASSIGNED and device_in_use(device):
        raise RuleError(_("Ce dispositif est encore attribué : retirez-le d'abord."))
    device.status = status
    device.save(update_fields=["status"])
    record(actor, Action.UPDATE, device, fields=["status"])
    return device


def device_in_use(device: Device) -> bool:
    now = timezone.now()
    live_pairing = Q(valid_until__isnull=True) | Q(valid_until__gt=now)
    return (
        AlarmPhoneAssignment.objects.filter(phone_id=device.pk, withdrawn_at__isnull=True).exists()
        or Pairing.objects.filter(live_pairing)
        .filter(Q(perpetrator_device=device) | Q(victim_device=device))
        .exists()
    )


@transaction.atomic
def record_test(
    actor: Actor, device: Device, *, passed: bool, failure: str = "", follow_up: str = ""
) -> DeviceTest:
    """A passed test resets the 15-day clock; a failed one keeps the phone due, with its cause
    and what follows (replacement, the victim called)."""
    require(perms.can_test_devices(actor.membership))
    if not passed and not (failure and follow_up):
        raise RuleError(_("Un test échoué indique sa cause et la suite donnée."))
    test = DeviceTest.objects.create(
        device=device,
        passed=passed,
        failure="" if passed else failure,
        follow_up="" if passed else follow_up,
        tested_by=actor.user,
    )
    record(actor, Action.CREATE, test, fields=["passed", "failure", "follow_up"])
    if passed:
        device.last_test_at = test.tested_at
        device.save(update_fields=["last_test_at"])
    return test


def phone_case(device: Device):
    """The case of the victim the phone is with (its grant not withdrawn), or None."""
    assignment = (
        AlarmPhoneAssignment.objects.filter(phone_id=device.pk, withdrawn_at__isnull=True)
        .select_related("case")
        .first()
    )
    return assignment.case if assignment else None


def next_test_due(device: Device) -> datetime | None:
    if device.last_test_at is None:
        return None
    return device.last_test_at + rules.tgd_test_interval(timezone.localdate(device.last_test_at))


def tests_due(now: datetime | None = None):
    """Phones out with a victim whose 15-day test is due (never tested counts as due)."""
    now = now or timezone.now()
    threshold = now - rules.tgd_test_interval(timezone.localdate(now))
    return AlarmPhone.objects.filter(status=DeviceStatus.ASSIGNED).filter(
        Q(last_test_at__isnull=True) | Q(last_test_at__lte=threshold)
    )


def grant_end(start: datetime) -> datetime:
    months = rules.tgd_grant_months(timezone.localdate(start))
    return end_of_day(add_months(timezone.localdate(start), months))


@dataclass
class TgdGrant:
    no_cohabitation: bool
    contact_ban_basis: str
    imminent_danger: str
    express_consent: bool
    geolocation_consent: bool


def _tgd_refusals(grant: TgdGrant) -> list:
    conditions = rules.TgdConditions(
        no_cohabitation=grant.no_cohabitation,
        judicial_contact_ban=bool(grant.contact_ban_basis),
        proven_imminent_danger=bool(grant.imminent_danger.strip()),
    )
    refusals = rules.tgd_refusals(conditions)
    if not (grant.express_consent and grant.geolocation_consent):
        refusals.append(
            _(
                "Il faut l'accord exprès de la victime, y compris à sa géolocalisation en cas "
                "d'alerte."
            )
        )
    return refusals


def with_ban_in_force(case, grant: TgdGrant) -> TgdGrant:
    """A grant stating no basis takes the criminal contact ban in force on the case, if any."""
    bans = contact_bans.in_force(case)
    if grant.contact_ban_basis or not bans:
        return grant
    return replace(grant, contact_ban_basis=bans[0].basis)


@transaction.atomic
def grant_alarm_phone(
    actor: Actor, case, phone: AlarmPhone, grant: TgdGrant
) -> AlarmPhoneAssignment:
    """CPP 41-3-1: the procureur grants a phone for six months, when the conditions hold."""
    require(perms.can_grant_alarm_phone(actor.membership, case))
    grant = with_ban_in_force(case, grant)
    refusals = _tgd_refusals(grant)
    if refusals:
        raise RuleError(refusals)
    phone = AlarmPhone.objects.select_for_update().get(pk=phone.pk)
    if phone.status != DeviceStatus.STOCK:
        raise RuleError(_("Ce téléphone n'est pas disponible en stock."))
    now = timezone.now()
    assignment = AlarmPhoneAssignment.objects.create(
        phone=phone,
        case=case,
        court=case.court,
        granted_by=actor.user,
        granted_at=now,
        ends_at=grant_end(now),
        no_cohabitation=True,
        contact_ban_basis=grant.contact_ban_basis,
        imminent_danger=grant.imminent_danger,
        consent_at=now,
        geolocation_consent=True,
    )
    phone.status = DeviceStatus.ASSIGNED
    phone.save(update_fields=["status"])
    add_timeline_entry(
        case, "tgd", _("Téléphone grave danger attribué"), source=assignment, actor=actor
    )
    record(actor, Action.CREATE, assignment, fields=["contact_ban_basis", "imminent_danger"])
    return assignment


@transaction.atomic
def renew_alarm_phone(actor: Actor, assignment: AlarmPhoneAssignment) -> AlarmPhoneAssignment:
    """A renewal adds six months from the current end (CPP 41-3-1: renewable)."""
    require(perms.can_grant_alarm_phone(actor.membership, assignment.case))
    if assignment.withdrawn_at is not None:
        raise RuleError(_("Ce téléphone a été retiré."))
    start = max(assignment.ends_at, timezone.now())
    assignment.ends_at, assignment.renewals = grant_end(start), assignment.renewals + 1
    assignment.save(update_fields=["ends_at", "renewals"])
    add_timeline_entry(
        assignment.case,
        "tgd",
        _("Attribution du TGD renouvelée"),
        source=assignment,
        actor=actor,
    )
    record(actor, Action.UPDATE, assignment, fields=["ends_at"])
    return assignment


@transaction.atomic
def withdraw_alarm_phone(actor: Actor, assignment: AlarmPhoneAssignment, *, reason: str):
    require(perms.can_grant_alarm_phone(actor.membership, assignment.case))
    if assignment.withdrawn_at is not None:
        raise RuleError(_("Ce téléphone a déjà été retiré."))
    if not reason.strip():
        raise RuleError(_("Indiquez le motif du retrait."))
    assignment.withdrawn_at, assignment.withdrawal_reason = timezone.now(), reason
    assignment.save(update_fields=["withdrawn_at", "withdrawal_reason"])
    Device.objects.filter(pk=assignment.phone_id).update(status=DeviceStatus.RETURNED)
    add_timeline_entry(
        assignment.case,
        "tgd",
        _("Téléphone grave danger retiré"),
        source=assignment,
        actor=actor,
    )
    record(actor, Action.UPDATE, assignment, fields=["withdrawn_at", "withdrawal_reason"])
    return assignment


@transaction.atomic
def keep_positions_longer(actor: Actor, assignment: AlarmPhoneAssignment) -> AlarmPhoneAssignment:
    """The procureur authorises keeping the phone's positions eight days instead of three
    (arrêté du 22 avril 2015, art. 5 al. 2), e.g. while an alert is investigated."""
    require(perms.can_grant_alarm_phone(actor.membership, assignment.case))
    if assignment.positions_kept_longer_at is not None:
        raise RuleError(_("La conservation des positions est déjà portée à huit jours."))
    assignment.positions_kept_longer_at = timezone.now()
    assignment.save(update_fields=["positions_kept_longer_at"])
    add_timeline_entry(
        assignment.case,
        "tgd",
        _("Conservation des positions du TGD portée à huit jours"),
        source=assignment,
        actor=actor,
    )
    record(actor, Action.UPDATE, assignment, fields=["positions_kept_longer_at"])
    return assignment


def renewals_due(now: datetime | None = None):
    """Active grants ending within a month: the procureur decides on renewal."""
    now = now or timezone.now()
    return AlarmPhoneAssignment.objects.filter(
        withdrawn_at__isnull=True, ends_at__gt=now, ends_at__lte=now + rules.TGD_RENEWAL_REMINDER
    )


@dataclass
class BarOrder:
    framework: str
    alert_km: int
    perpetrator_consent: bool = False
    victim_consent: bool = False
    protection_order: object = None
    immediate_order: object = None
    place_bans: tuple = ()  # justice Measures (place bans) to watch as fixed zones


def _contact_ban_ordered(order: BarOrder) -> bool:
    decisions = [d for d in (order.protection_order, order.immediate_order) if d is not None]
    return any(
        d.is_active and d.measures.filter(kind=MeasureKind.CONTACT_BAN).exists() for d in decisions
    )


def _bar_refusals(order: BarOrder, on) -> list:
    refusals = []
    error = rules.alert_distance_error(order.alert_km, on)
    if error:
        refusals.append(error)
    if order.framework == Framework.CIVIL:
        refusals += rules.civil_bar_refusals(
            contact_ban=_contact_ban_ordered(order),
            perpetrator_consent=order.perpetrator_consent,
            victim_consent=order.victim_consent,
        )
    return refusals


def bar_end(framework: str, start: datetime, order: BarOrder) -> datetime | None:
    """Criminal: six months (renewable); civil: as long as the order it comes with."""
    if framework == Framework.CIVIL:
        decision = order.protection_order
        return decision.ends_at if decision is not None else None
    return end_of_day(rules.criminal_bar_end(timezone.localdate(start), renewals=0))


def _free_device(kind: str) -> Device:
    device = Device.objects.select_for_update().filter(kind=kind, status=DeviceStatus.STOCK).first()
    if device is None:
        raise RuleError(_("Aucun dispositif de ce type n'est disponible en stock."))
    return device


@transaction.atomic
def order_bracelet(actor: Actor, case, order: BarOrder) -> Pairing:
    """The JAF orders a BAR: the decision, then the pairing the monitoring engine reads."""
    require(perms.can_order_bracelet(actor.membership, case))
    now = timezone.now()
    refusals = _bar_refusals(order, timezone.localdate(now))
    if refusals:
        raise RuleError(refusals)
    decision = BraceletOrder.objects.create(
        case=case,
        court=case.court,
        framework=order.framework,
        protection_order=order.protection_order,
        immediate_order=order.immediate_order,
        alert_km=order.alert_km,
        perpetrator_consent=order.perpetrator_consent,
        victim_consent=order.victim_consent,
        ordered_by=actor.user,
        ordered_at=now,
        ends_at=bar_end(order.framework, now, order),
    )
    pairing = _pair(actor, decision, now)
    for measure in order.place_bans:
        add_zone_from_place_ban(pairing, measure)
    add_timeline_entry(
        case, "bar", _("Bracelet anti-rapprochement ordonné"), source=decision, actor=actor
    )
    record(actor, Action.CREATE, decision, fields=["framework", "alert_km", "zones"])
    return pairing


def _pair(actor: Actor, decision: BraceletOrder, now: datetime) -> Pairing:
    alert_m, prealert_m = rules.distances_m(decision.alert_km, timezone.localdate(now))
    bracelet = _free_device(DeviceKind.PERPETRATOR_BRACELET)
    unit = _free_device(DeviceKind.VICTIM_UNIT)
    pairing = Pairing.objects.create(
        order=decision,
        perpetrator_device=bracelet,
        victim_device=unit,
        alert_m=alert_m,
        prealert_m=prealert_m,
        valid_from=now,
        valid_until=decision.ends_at,
    )
    for device in (bracelet, unit):
        device.status = DeviceStatus.ASSIGNED
        device.save(update_fields=["status"])
    DistanceRevision.objects.create(
        pairing=pairing,
        alert_km=decision.alert_km,
        alert_m=alert_m,
        prealert_m=prealert_m,
        revised_by=actor.user,
        reason=_("Décision initiale"),
    )
    return pairing


def add_zone_from_place_ban(pairing: Pairing, measure) -> FixedZone:
    """A place ban watched with the pairing's distances; her home keeps its label only."""
    if measure.kind != MeasureKind.PLACE_BAN:
        raise RuleError(_("Seule une interdiction de paraître devient une zone fixe."))
    if measure.latitude is None or measure.longitude is None:
        raise RuleError(_("Ce lieu interdit n'a pas de position : il ne peut être surveillé."))
    return FixedZone.objects.create(
        pairing=pairing,
        measure=measure,
        label=measure.place_label,
        is_victim_home=measure.is_victim_home,
        latitude=measure.latitude,
        longitude=measure.longitude,
        alert_m=pairing.alert_m,
        prealert_m=pairing.prealert_m,
    )


def _decision_case_id(measure) -> int | None:
    decision = measure.protection_order or measure.immediate_order
    return None if decision is None else decision.case_id


@transaction.atomic
def watch_place_ban(actor: Actor, pairing: Pairing, measure) -> FixedZone:
    """The judge adds a place ban of the case's orders to a pairing already running."""
    require(perms.can_order_bracelet(actor.membership, pairing.order.case))
    if _decision_case_id(measure) != pairing.order.case_id:
        raise RuleError(_("Ce lieu interdit ne relève pas de ce dossier."))
    if pairing.zones.filter(measure=measure).exists():
        raise RuleError(_("Ce lieu interdit est déjà surveillé comme zone fixe."))
    zone = add_zone_from_place_ban(pairing, measure)
    record(actor, Action.CREATE, zone, fields=["measure", "alert_m", "prealert_m"])
    return zone


@transaction.atomic
def renew_bracelet(actor: Actor, decision: BraceletOrder) -> BraceletOrder:
    """CPP R. 24-19: the magistrate extends a criminal BAR by one period, two years at most.

    The live pairings follow the new end, since that is what the monitoring engine reads.
    """
    require(perms.can_order_bracelet(actor.membership, decision.case))
    decision = BraceletOrder.objects.select_for_update().get(pk=decision.pk)
    if not decision.is_criminal:
        raise RuleError(
            _(
                "Un bracelet civil dure autant que l'ordonnance de protection : "
                "il ne se renouvelle pas."
            )
        )
    now = timezone.now()
    if decision.ended_at is not None or decision.ends_at < now:
        raise RuleError(_("Ce bracelet a pris fin : seule une nouvelle décision peut le rétablir."))
    ordered_on = timezone.localdate(decision.ordered_at)
    # Platform rule: one renewal per period, so that a repeated click never stacks two.
    if decision.renewals and timezone.localdate(now) <= rules.criminal_bar_end(
        ordered_on, decision.renewals - 1
    ):
        raise RuleError(_("Le renouvellement précédent n'a pas encore pris effet."))
    error = rules.criminal_bar_renewal_error(ordered_on, decision.renewals)
    if error:
        raise RuleError(error)
    previous_end = decision.ends_at
    decision.renewals += 1
    decision.ends_at = end_of_day(rules.criminal_bar_end(ordered_on, decision.renewals))
    decision.save(update_fields=["ends_at", "renewals"])
    decision.pairings.filter(valid_until=previous_end).update(valid_until=decision.ends_at)
    add_timeline_entry(
        decision.case,
        "bar",
        _("Bracelet anti-rapprochement prolongé"),
        source=decision,
        actor=actor,
    )
    record(actor, Action.UPDATE, decision, fields=["ends_at", "renewals"])
    return decision


def bracelet_renewable(decision: BraceletOrder) -> bool:
    """Whether one more period keeps a criminal BAR within its maximum."""
    ordered_on = timezone.localdate(decision.ordered_at)
    return rules.criminal_bar_renewal_error(ordered_on, decision.renewals) is None


def bracelet_renewals_due(now: datetime | None = None):
    """Criminal BAR whose period ends within the reminder lead: renew it or let it end."""
    now = now or timezone.now()
    return BraceletOrder.objects.exclude(framework=Framework.CIVIL).filter(
        ended_at__isnull=True,
        ends_at__gte=now,
        ends_at__lte=now + rules.CRIMINAL_BAR_RENEWAL_REMINDER,
    )


@transaction.atomic
def revise_distances(actor: Actor, pairing: Pairing, *, alert_km: int, reason: str) -> Pairing:
    """Distances revised (e.g. too many alerts): the pairing and its zones, history kept."""
    require(perms.can_order_bracelet(actor.membership, pairing.order.case))
    now = timezone.now()
    error = rules.alert_distance_error(alert_km, timezone.localdate(now))
    if error:
        raise RuleError(error)
    if not reason.strip():
        raise RuleError(_("Indiquez le motif de la révision."))
    alert_m, prealert_m = rules.distances_m(alert_km, timezone.localdate(now))
    pairing.alert_m, pairing.prealert_m = alert_m, prealert_m
    pairing.save(update_fields=["alert_m", "prealert_m"])
    pairing.zones.update(alert_m=alert_m, prealert_m=prealert_m)
    BraceletOrder.objects.filter(pk=pairing.order_id).update(alert_km=alert_km)
    DistanceRevision.objects.create(
        pairing=pairing,
        alert_km=alert_km,
        alert_m=alert_m,
        prealert_m=prealert_m,
        revised_at=now,
        revised_by=actor.user,
        reason=reason,
    )
    record(actor, Action.UPDATE, pairing, fields=["alert_m", "prealert_m"])
    return pairing


@transaction.atomic
def add_exemption(
    actor: Actor, zone: FixedZone, *, start: datetime, end: datetime, label: str = ""
):
    """The judge authorises presence in a zone at set times: [start, end)."""
    require(perms.can_order_bracelet(actor.membership, zone.pairing.order.case))
    if end <= start:
        raise RuleError(_("La fin de la dérogation doit suivre son début."))
    exemption = Exemption.objects.create(zone=zone, start=start, end=end, label=label)
    record(actor, Action.CREATE, exemption, fields=["start", "end", "label"])
    return exemption


def active_pairings(at: datetime | None = None):
    at = at or timezone.now()
    return (
        Pairing.objects.filter(valid_from__lte=at)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gt=at))
        .filter(order__ended_at__isnull=True)
    )
