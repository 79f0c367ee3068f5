"""The operations of eviction housing. Views, the API and the demo call these; each checks its
permission and its rules, writes the case's timeline (summaries without personal data) and the
audit log. A refusal (RuleError) changes nothing; its message never says where the victim is."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egide import geocoding
from egide.accounts.actor import Actor
from egide.accounts.roles import Role
from egide.audit.choices import Action
from egide.audit.services import record
from egide.cases.services import add_timeline_entry
from egide.directory.places import place_in_address
from egide.errors import RuleError

from . import perms, proximity
from .choices import HOLDING_PLACE, OPEN_STATUSES, RequestStatus
from .models import HousingPlace, HousingRequest

TIMELINE_KIND = "eviction.housing"


def too_close_message() -> str:
    """The whole answer an operator gets for a place too close: no place, distance nor direction.
    The operator cannot override it; the parquet or the judge may send the request elsewhere."""
    return _(
        "Logement incompatible : trop proche d'un lieu où la victime doit être protégée. "
        "Proposez un autre logement ; si aucun ne convient, le parquet ou le juge peut adresser "
        "la demande à un autre gestionnaire."
    )


# --- The court's side -------------------------------------------------------------------------


@transaction.atomic
def request_housing(
    actor: Actor, case, *, operator, legal_basis: str, leave_by, obligation_reference: str = ""
) -> HousingRequest:
    """The parquet or the judge of the case's court asks `operator` to house its perpetrator,
    who must leave the home by `leave_by`. One open request per case."""
    if not perms.can_request(actor.membership, case):
        raise PermissionDenied
    if not perms.operators_for(case).filter(pk=operator.pk).exists():
        raise RuleError(_("Choisissez un gestionnaire d'hébergement du département du dossier."))
    perpetrator = case.perpetrator
    if perpetrator is None:
        raise RuleError(_("Le dossier ne nomme pas d'auteur à héberger."))
    if leave_by < timezone.localdate():
        raise RuleError(_("La date de départ du domicile ne peut pas être passée."))
    if HousingRequest.objects.filter(case=case, status__in=OPEN_STATUSES).exists():
        raise RuleError(_("Une demande d'hébergement est déjà en cours pour ce dossier."))
    housing_request = HousingRequest.objects.create(
        case=case,
        perpetrator=perpetrator,
        court=case.court,
        operator=operator,
        legal_basis=legal_basis,
        leave_by=leave_by,
        obligation_reference=obligation_reference.strip(),
        requested_by=actor.user,
        requested_role=actor.membership.role,
    )
    add_timeline_entry(
        case,
        TIMELINE_KIND,
        _("Hébergement de l'auteur évincé demandé à %(operator)s") % {"operator": operator},
        source=housing_request,
        actor=actor,
    )
    record(
        actor,
        Action.CREATE,
        housing_request,
        fields=["operator", "legal_basis", "leave_by", "obligation_reference"],
    )
    return housing_request


@transaction.atomic
def withdraw_request(actor: Actor, housing_request) -> HousingRequest:
    """The court withdraws a request not yet lived in (to send it to another operator, say)."""
    if not perms.can_follow(actor.membership, housing_request):
        raise PermissionDenied
    _expect(housing_request, RequestStatus.REQUESTED, RequestStatus.PROPOSED)
    return _move(actor, housing_request, RequestStatus.WITHDRAWN)


# --- The operator's places --------------------------------------------------------------------


def _locate(address: str):
    position = geocoding.locate(address)
    commune = place_in_address(address)
    if commune is None:
        raise RuleError(_("Adresse introuvable : précisez le numéro, la rue et la commune."))
    return position, commune


@transaction.atomic
def add_place(actor: Actor, *, label: str, address: str, capacity: int) -> HousingPlace:
    """A new place of the actor's operator, located from its address (egide.geocoding)."""
    membership = actor.membership
    if membership is None or membership.role != Role.HOUSING_OPERATOR:
        raise PermissionDenied
    label = label.strip()
    if HousingPlace.objects.filter(operator=membership.agency, label=label).exists():
        raise RuleError(_("Un logement porte déjà ce nom."))
    position, commune = _locate(address)
    place = HousingPlace.objects.create(
        operator=membership.agency,
        label=label,
        address=address.strip(),
        commune=commune.name,
        departement=commune.departement,
        latitude=round(position.latitude, 6),
        longitude=round(position.longitude, 6),
        capacity=capacity,
    )
    record(actor, Action.CREATE, place, fields=["label", "address", "capacity"])
    return place


def occupied(place) -> int:
    return place.requests.filter(status__in=HOLDING_PLACE).count()


@transaction.atomic
def update_place(actor: Actor, place, *, capacity: int, available: bool) -> HousingPlace:
    """Capacity and availability; never fewer places than those held."""
    if not perms.can_manage_place(actor.membership, place):
        raise PermissionDenied
    place = HousingPlace.objects.select_for_update().get(pk=place.pk)
    held = occupied(place)
    if capacity < held:
        raise RuleError(
            _("%(held)s places sont occupées ou réservées : la capacité ne peut pas être moindre.")
            % {"held": held}
        )
    place.capacity, place.available = capacity, available
    place.save(update_fields=["capacity", "available"])
    record(actor, Action.UPDATE, place, fields=["capacity", "available"])
    return place


# --- Allocation, with the operator's confirmation ---------------------------------------------


def _expect(housing_request, *statuses):
    if housing_request.status not in statuses:
        raise RuleError(_("Cette étape n'est pas possible maintenant."))


def _check_room(housing_request, place) -> None:
    """Refuses a place the operator may not give: not its own, closed or full."""
    if place.operator_id != housing_request.operator_id:
        raise PermissionDenied
    if not place.available:
        raise RuleError(_("Ce logement n'est pas ouvert aux attributions."))
    if occupied(place) >= place.capacity:
        raise RuleError(_("Ce logement n'a plus de place libre."))


def _check_distance(actor: Actor, housing_request, place) -> None:
    """Refuses a place too close to a protected place of the victim. The check reads her places:
    it is audited whatever it answers (outside the operation's transaction, which a refusal
    undoes)."""
    compatible = proximity.is_compatible(place, housing_request.case, timezone.localdate())
    record(actor, Action.READ, housing_request, fields=["protected_places_compatibility"])
    if not compatible:
        raise RuleError(too_close_message(), code="too_close")


def propose_place(actor: Actor, housing_request, place) -> HousingRequest:
    """The operator proposes one of its places; the system answers only "compatible" (the place
    is held for confirmation) or "too close" (refused, nothing changes)."""
    if not perms.can_operate(actor.membership, housing_request):
        raise PermissionDenied
    _expect(housing_request, RequestStatus.REQUESTED, RequestStatus.PROPOSED)
    _check_room(housing_request, place)
    _check_distance(actor, housing_request, place)
    with transaction.atomic():
        housing_request.place = place
        return _move(actor, housing_request, RequestStatus.PROPOSED, "proposed_at", ["place"])


def confirm_allocation(actor: Actor, housing_request) -> HousingRequest:
    """Confirms the proposed place, checked again (her protected places may have changed, the
    place may have filled since): only a compatible place with a free place is confirmed."""
    if not perms.can_operate(actor.membership, housing_request):
        raise PermissionDenied
    _expect(housing_request, RequestStatus.PROPOSED)
    _check_distance(actor, housing_request, housing_request.place)
    with transaction.atomic():
        # Lock the place so two confirmations cannot both take its last place.
        place = HousingPlace.objects.select_for_update().get(pk=housing_request.place_id)
        _check_room(housing_request, place)
        return _move(actor, housing_request, RequestStatus.CONFIRMED, "confirmed_at")


@transaction.atomic
def record_arrival(actor: Actor, housing_request) -> HousingRequest:
    if not perms.can_operate(actor.membership, housing_request):
        raise PermissionDenied
    _expect(housing_request, RequestStatus.CONFIRMED)
    return _move(actor, housing_request, RequestStatus.HOUSED, "arrived_at")


@transaction.atomic
def record_departure(actor: Actor, housing_request, *, reason: str, note: str = ""):
    """He leaves the place (or never came): the reason is recorded for the ordering court."""
    if not perms.can_operate(actor.membership, housing_request):
        raise PermissionDenied
    _expect(housing_request, *HOLDING_PLACE)
    if not reason:
        raise RuleError(_("Indiquez le motif du départ."))
    housing_request.departure_reason, housing_request.departure_note = reason, note.strip()
    return _move(
        actor,
        housing_request,
        RequestStatus.DEPARTED,
        "departed_at",
        ["departure_reason", "departure_note"],
    )


def _move(actor: Actor, housing_request, status, stamp: str = "", fields=()) -> HousingRequest:
    housing_request.status = status
    if stamp:
        setattr(housing_request, stamp, timezone.now())
    housing_request.save()
    summary = _("Hébergement de l'auteur évincé : %(status)s") % {
        "status": housing_request.get_status_display()
    }
    add_timeline_entry(
        housing_request.case, TIMELINE_KIND, summary, source=housing_request, actor=actor
    )
    record(actor, Action.UPDATE, housing_request, fields=["status", *fields])
    return housing_request
