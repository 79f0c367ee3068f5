"""The operations of support. Views call these; each checks its permission, writes the case's
timeline (summaries without personal data) and the audit log."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egide import geocoding
from egide.accounts.actor import Actor
from egide.accounts.grants import record_admin_change
from egide.accounts.roles import AgencyKind
from egide.assessment.services import latest_assessment
from egide.audit.choices import Action
from egide.audit.services import record
from egide.cases.choices import PersonRole, ShareScope
from egide.cases.search_keys import name_key
from egide.cases.services import add_timeline_entry
from egide.cases.sharing import store_consent
from egide.errors import RuleError

from . import aid, perms
from .choices import HOLDING_PLACES, AidStatus, AllocationStatus, DeclineCause
from .models import (
    EmergencyAidRequest,
    FreshStartNeed,
    FreshStartPlan,
    ParameterValue,
    Shelter,
    ShelterAllocation,
)


def applicant_key(first_name: str, last_name: str, birth_date) -> str:
    return name_key(f"{last_name} {first_name} {birth_date.isoformat()}")


# --- Emergency aid ----------------------------------------------------------------------------


@transaction.atomic
def transmit_aid_request(
    actor: Actor, case, *, caisse, victim_consents: bool, **form
) -> EmergencyAidRequest:
    """Sends the simplified form to the victim's caisse, with her consent: the live consent
    already recorded for that caisse, or the one she gives now in front of the sender."""
    if not perms.can_support_case(actor.membership, case):
        raise PermissionDenied
    if caisse.kind not in perms.CAISSE_KINDS:
        raise RuleError(_("Choisissez une CAF ou une MSA."))
    consent = case.consents.filter(agency=caisse, withdrawn_at=None).first()
    if consent is None:
        if not victim_consents:
            raise RuleError(_("Le consentement de la victime à cette transmission manque."))
        consent = store_consent(actor, case, agency=caisse, scope=ShareScope.SUPPORT_PLAN)
    received = timezone.localdate()
    aid_request = EmergencyAidRequest.objects.create(
        case=case,
        consent=consent,
        caisse=caisse,
        departement=case.departement,
        applicant_key=applicant_key(form["first_name"], form["last_name"], form["birth_date"]),
        received_on=received,
        payment_due=aid.payment_due(received, form["already_allocataire"], case.departement),
        transmitted_by=actor.user,
        transmitted_agency=actor.membership.agency,
        **form,
    )
    summary = _("Demande d'aide universelle d'urgence transmise à %(caisse)s")
    add_timeline_entry(
        case,
        "support.aid",
        summary % {"caisse": consent.agency},
        source=aid_request,
        actor=actor,
    )
    record(actor, Action.CREATE, aid_request, fields=sorted(form))
    return aid_request


def last_award(aid_request):
    previous = (
        EmergencyAidRequest.objects.filter(
            applicant_key=aid_request.applicant_key,
            status__in=[AidStatus.GRANTED, AidStatus.PAID],
        )
        .exclude(pk=aid_request.pk)
        .order_by("-received_on")
        .first()
    )
    return previous.received_on if previous else None


def assess(aid_request) -> tuple[list[str], aid.Estimate]:
    """What the rules say of a request: why it cannot be granted, and the amount if it can."""
    on = aid_request.received_on
    reasons = aid.ineligibility_reasons(aid_request.proof_date, on, last_award(aid_request))
    estimate = aid.estimate(aid_request.monthly_resources, aid_request.children_under_21, on)
    return reasons, estimate


def _decide(actor: Actor, aid_request, **fields) -> EmergencyAidRequest:
    if not perms.can_decide_aid(actor.membership, aid_request):
        raise PermissionDenied
    if aid_request.status != AidStatus.RECEIVED:
        raise RuleError(_("Cette demande a déjà été décidée."))
    for name, value in fields.items():
        setattr(aid_request, name, value)
    aid_request.decided_by, aid_request.decided_at = actor.user, timezone.now()
    aid_request.save()
    summary = _("Aide universelle d'urgence : %(status)s") % {
        "status": aid_request.get_status_display()
    }
    add_timeline_entry(aid_request.case, "support.aid", summary, source=aid_request, actor=actor)
    record(actor, Action.UPDATE, aid_request, fields=["status", *fields])
    return aid_request


@transaction.atomic
def grant_aid(actor: Actor, aid_request) -> EmergencyAidRequest:
    """Grants the amount and form the rules give; refused when the rules say it is not due."""
    reasons, estimate = assess(aid_request)
    if reasons:
        raise RuleError(" ".join(reasons))
    return _decide(
        actor, aid_request, status=AidStatus.GRANTED, form=estimate.form, amount=estimate.amount
    )


@transaction.atomic
def refuse_aid(actor: Actor, aid_request, reason: str) -> EmergencyAidRequest:
    if not reason.strip():
        raise RuleError(_("Un refus doit être motivé."))
    return _decide(actor, aid_request, status=AidStatus.REFUSED, refusal_reason=reason.strip())


@transaction.atomic
def mark_aid_paid(actor: Actor, aid_request) -> EmergencyAidRequest:
    if not perms.can_decide_aid(actor.membership, aid_request):
        raise PermissionDenied
    if aid_request.status != AidStatus.GRANTED:
        raise RuleError(_("Seule une aide accordée peut être versée."))
    aid_request.status, aid_request.paid_at = AidStatus.PAID, timezone.now()
    aid_request.save(update_fields=["status", "paid_at"])
    add_timeline_entry(
        aid_request.case,
        "support.aid",
        _("Aide universelle d'urgence versée"),
        source=aid_request,
        actor=actor,
    )
    record(actor, Action.UPDATE, aid_request, fields=["status", "paid_at"])
    return aid_request


# --- Shelter places ---------------------------------------------------------------------------


def guest_label(case) -> str:
    """First name and initial: enough for shelter staff to welcome her, not to find her."""
    victim = case.victim
    if victim is None:
        return "—"
    return f"{victim.first_name} {victim.last_name[:1]}."


def arrangements_from_case(case) -> dict:
    """What the case file already knows: the safe contact (not the code word) and the children."""
    contact = getattr(case, "safe_contact", None)
    initial = {"children": len(case.people_in_role(PersonRole.CHILD))}
    if contact is not None and contact.phone:
        times = f" ({contact.times_to_call})" if contact.times_to_call else ""
        initial["safe_contact"] = f"{contact.phone}{times}"
    return initial


@transaction.atomic
def request_places(
    actor: Actor, case, shelter, *, adults: int, children: int, **arrangements
) -> ShelterAllocation:
    """`arrangements`: children_ages, safe_contact, arrival, special_needs (all optional). The
    danger level band is the case's latest assessment's, so the shelter can plan its vigilance."""
    if not perms.can_support_case(actor.membership, case):
        raise PermissionDenied
    if children and not shelter.accepts_children:
        raise RuleError(_("Cet hébergement n'accueille pas d'enfants."))
    assessment = latest_assessment(case)
    allocation = ShelterAllocation.objects.create(
        shelter=shelter,
        case=case,
        guest_label=guest_label(case),
        adults=adults,
        children=children,
        danger_level=assessment.final_level if assessment else "",
        requested_by=actor.user,
        requested_agency=actor.membership.agency,
        **arrangements,
    )
    summary = _("Demande de places d'hébergement (%(shelter)s)") % {"shelter": shelter}
    add_timeline_entry(case, "support.shelter", summary, source=allocation, actor=actor)
    record(actor, Action.CREATE, allocation, fields=["shelter", "adults", "children"])
    return allocation


# --- Shelters: the register and their details -------------------------------------------------

# What the administrator registers, and what the managers of the operator keep up to date.
REGISTER_FIELDS = frozenset(
    {"operator", "name", "kind", "departement", "capacity", "accessible", "accepts_children"}
)
DETAIL_FIELDS = frozenset({"name", "capacity", "accessible", "accepts_children", "address"})


@transaction.atomic
def register_shelter(actor: Actor, *, address: str, **fields) -> Shelter:
    """The administrator registers a shelter and names its operator (perms.can_register_shelters);
    the address locates it, so that no evicted perpetrator is housed near it. Audited as an
    administration change, field names only."""
    if not perms.can_register_shelters(actor.membership) or set(fields) - REGISTER_FIELDS:
        raise PermissionDenied
    shelter = Shelter()
    changed = _apply(shelter, {**fields, "address": address})
    record_admin_change(actor, shelter, "shelter.create", changed)
    return shelter


@transaction.atomic
def correct_registration(actor: Actor, shelter, **changes) -> Shelter:
    """The administrator corrects a registration; the address is not theirs to read nor change."""
    if not perms.can_register_shelters(actor.membership) or set(changes) - REGISTER_FIELDS:
        raise PermissionDenied
    shelter = Shelter.objects.select_for_update().get(pk=shelter.pk)
    changed = _apply(shelter, changes)
    if changed:
        record_admin_change(actor, shelter, "shelter.update", changed)
    return shelter


@transaction.atomic
def update_shelter_details(actor: Actor, shelter, **changes) -> Shelter:
    """A manager of the shelter's operator keeps its details: name, places, access, address."""
    if not perms.can_manage_shelter(actor.membership, shelter) or set(changes) - DETAIL_FIELDS:
        raise PermissionDenied
    shelter = Shelter.objects.select_for_update().get(pk=shelter.pk)
    changed = _apply(shelter, changes)
    if changed:
        record(actor, Action.UPDATE, shelter, fields=changed)
    return shelter


def set_capacity(actor: Actor, shelter, capacity: int) -> Shelter:
    """The shelter manager states the places of a shelter; never fewer than those held."""
    return update_shelter_details(actor, shelter, capacity=capacity)


def _apply(shelter, changes: dict) -> list[str]:
    """Sets `changes` on `shelter` (a new one, or one locked for update) and saves it when every
    rule holds; returns the names of the fields that changed. A RuleError changes nothing."""
    changed = [
        field
        for field, value in changes.items()
        if shelter.pk is None or getattr(shelter, field) != value
    ]
    for field in changed:
        setattr(shelter, field, changes[field])
    if "operator" in changed and (
        shelter.operator.kind != AgencyKind.SHELTER_OPERATOR or not shelter.operator.is_active
    ):
        raise RuleError(_("Choisissez un gestionnaire d'hébergement en activité."))
    if {"name", "departement"} & set(changed):
        _check_name_free(shelter)
    if "capacity" in changed and shelter.pk is not None:
        _check_capacity_holds(shelter)
    if "address" in changed:
        _locate(shelter)
    if changed:
        shelter.save()
    return changed


def _check_name_free(shelter) -> None:
    namesakes = Shelter.objects.filter(departement=shelter.departement, name__iexact=shelter.name)
    if namesakes.exclude(pk=shelter.pk).exists():
        raise RuleError(_("Un hébergement de ce département porte déjà ce nom."))


def _check_capacity_holds(shelter) -> None:
    held = places_held(shelter)
    if shelter.capacity < held:
        raise RuleError(
            _("%(held)s places sont occupées ou réservées : la capacité ne peut pas être moindre.")
            % {"held": held}
        )


def _locate(shelter) -> None:
    shelter.address = shelter.address.strip()
    if not shelter.address:
        raise RuleError(_("Donnez l'adresse de l'hébergement."))
    position = geocoding.locate(shelter.address)
    shelter.latitude = round(position.latitude, 6)
    shelter.longitude = round(position.longitude, 6)


def waiting_hours(shelters) -> dict[int, float]:
    """Mean hours from request to decision per shelter, over the allocations decided so far."""
    decided = ShelterAllocation.objects.filter(shelter__in=shelters, decided_at__isnull=False)
    spans: dict[int, list[float]] = {}
    for shelter_id, asked, decided_at in decided.values_list(
        "shelter_id", "requested_at", "decided_at"
    ):
        spans.setdefault(shelter_id, []).append((decided_at - asked).total_seconds() / 3600)
    return {shelter_id: sum(hours) / len(hours) for shelter_id, hours in spans.items()}


def places_held(shelter) -> int:
    """The places of the allocations accepted or housed in `shelter`."""
    return sum(a.places for a in shelter.allocations.filter(status__in=HOLDING_PLACES))


def free_places(shelter) -> int:
    return shelter.capacity - places_held(shelter)


def _move(actor: Actor, allocation, status, stamp: str = "", **fields):
    if not perms.can_manage_allocation(actor.membership, allocation):
        raise PermissionDenied
    allocation.status = status
    if stamp:
        setattr(allocation, stamp, timezone.now())
    for name, value in fields.items():
        setattr(allocation, name, value)
    allocation.save()
    summary = _("Hébergement : %(status)s") % {"status": allocation.get_status_display()}
    add_timeline_entry(allocation.case, "support.shelter", summary, source=allocation, actor=actor)
    record(actor, Action.UPDATE, allocation, fields=["status"])
    return allocation


def _expect(allocation, *statuses):
    if allocation.status not in statuses:
        raise RuleError(_("Cette étape n'est pas possible maintenant."))


@transaction.atomic
def accept_allocation(actor: Actor, allocation):
    # Lock the shelter so two acceptances cannot both take the last places.
    shelter = type(allocation.shelter).objects.select_for_update().get(pk=allocation.shelter_id)
    _expect(allocation, AllocationStatus.REQUESTED)
    if free_places(shelter) < allocation.places:
        raise RuleError(_("Il n'y a plus assez de places libres."))
    return _move(actor, allocation, AllocationStatus.ACCEPTED, "decided_at")


@transaction.atomic
def decline_allocation(actor: Actor, allocation, cause: str, detail: str = ""):
    """A refusal says why, from the list the indicators count; "other" says it in words."""
    _expect(allocation, AllocationStatus.REQUESTED)
    if cause not in DeclineCause.values:
        raise RuleError(_("Un refus doit être motivé."))
    if cause == DeclineCause.OTHER and not detail.strip():
        raise RuleError(_("Précisez le motif du refus."))
    return _move(
        actor,
        allocation,
        AllocationStatus.DECLINED,
        "decided_at",
        decline_cause=cause,
        decline_reason=detail.strip(),
    )


@transaction.atomic
def record_arrival(actor: Actor, allocation):
    _expect(allocation, AllocationStatus.ACCEPTED)
    return _move(actor, allocation, AllocationStatus.ARRIVED, "arrived_at")


@transaction.atomic
def record_departure(actor: Actor, allocation):
    _expect(allocation, AllocationStatus.ARRIVED)
    return _move(actor, allocation, AllocationStatus.DEPARTED, "departed_at")


# --- Fresh-start plan -------------------------------------------------------------------------


@transaction.atomic
def start_plan(actor: Actor, case) -> FreshStartPlan:
    if not perms.can_lead_plan(actor.membership, case):
        raise PermissionDenied
    plan, created = FreshStartPlan.objects.get_or_create(
        case=case,
        defaults={"referent": actor.user, "referent_agency": actor.membership.agency},
    )
    if created:
        add_timeline_entry(
            case,
            "support.plan",
            _("Pack nouveau départ ouvert"),
            source=plan,
            actor=actor,
        )
        record(actor, Action.CREATE, plan, fields=["referent"])
    return plan


@transaction.atomic
def add_need(actor: Actor, plan, **fields) -> FreshStartNeed:
    if not perms.can_lead_plan(actor.membership, plan.case):
        raise PermissionDenied
    need = FreshStartNeed.objects.create(plan=plan, **fields)
    summary = _("Pack nouveau départ : besoin confié à %(partner)s") % {"partner": need.partner}
    add_timeline_entry(plan.case, "support.plan", summary, source=need, actor=actor)
    record(actor, Action.CREATE, need, fields=sorted(fields))
    return need


@transaction.atomic
def update_need(actor: Actor, need, status: str) -> FreshStartNeed:
    """The partner in charge, or the plan's referent, moves a need on."""
    membership = actor.membership
    is_partner = need.partner_id == membership.agency_id
    if not (is_partner or perms.can_lead_plan(membership, need.plan.case)):
        raise PermissionDenied
    need.status = status
    need.save(update_fields=["status", "updated_at"])
    record(actor, Action.UPDATE, need, fields=["status"])
    return need


@transaction.atomic
def record_parameter_value(actor: Actor, form) -> ParameterValue:
    """A revalued amount (RSA, SMIC…) recorded by the platform administrator, with its source."""
    value = form.save(commit=False)
    value.recorded_by = actor.user
    value.recorded_at = timezone.now()
    value.save()
    record_admin_change(actor, value, "parameter_value.create", list(form.fields))
    return value
