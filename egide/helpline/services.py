"""The helpline operations: record an anonymous call; hand a caller over, only with consent.

A 3919 hand-over creates a case owned by the local structure, or joins the open case that
structure already holds for her (same names and birth date, tolerant of typos: cases/matching),
records her consent, and refers the case to the structure's social referent with the safe
contact she gave. The listener keeps no access to that case.
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from egide.accounts.actor import Actor
from egide.accounts.models import Agency
from egide.accounts.roles import AgencyKind
from egide.audit.choices import Action
from egide.audit.services import record
from egide.cases import services as case_services
from egide.cases.choices import CaseStatus, PersonRole, ReferralStatus, ShareScope
from egide.cases.matching import matching_people
from egide.cases.models import ConsentRecord, Person, Referral, SafeContact
from egide.errors import RuleError, require

from . import perms
from .models import CpcaHandover, PerpetratorCall, VictimCall


def handover_structures(departement: str):
    """The local structures of the caller's département that receive a hand-over."""
    return Agency.objects.filter(
        kind__in=perms.HANDOVER_AGENCY_KINDS, departement=departement, is_active=True
    )


def all_cpcas():
    return Agency.objects.filter(kind=AgencyKind.CPCA, is_active=True)


def cpcas(departement: str):
    return all_cpcas().filter(departement=departement)


@transaction.atomic
def record_victim_call(
    actor: Actor, *, departement, violence_forms, danger, orientation
) -> VictimCall:
    require(perms.is_listener(actor.membership))
    call = VictimCall.objects.create(
        agency=actor.membership.agency,
        recorded_by=actor.user,
        departement=departement,
        violence_forms=list(violence_forms),
        danger=danger,
        orientation=orientation,
    )
    record(actor, Action.CREATE, call, fields=["departement", "danger", "orientation"])
    return call


def _her_case_at(structure, victim: dict):
    """The open case `structure` already holds (owns or was referred) for this victim."""
    probe = Person(role=PersonRole.VICTIM, **victim)
    reached = Q(case__opening_agency=structure) | Q(
        case__referrals__to_agency=structure,
        case__referrals__status__in=(ReferralStatus.SENT, ReferralStatus.ACCEPTED),
    )
    candidates = {
        person.case_id
        for person in matching_people(probe)
        if person.role == PersonRole.VICTIM and person.case.status != CaseStatus.CLOSED
    }
    people = Person.objects.filter(reached, case_id__in=candidates).select_related("case")
    return next((person.case for person in people), None)


@transaction.atomic
def hand_over(
    actor: Actor, call: VictimCall, *, structure, consent, victim, safe_contact
) -> Referral:
    """The warm referral of a 3919 caller to a local structure, with her consent only."""
    membership = actor.membership
    require(perms.visible_victim_calls(membership).filter(pk=call.pk).exists())
    if not consent:
        raise RuleError(_("Sans son accord, rien n'est transmis ni conservé."))
    if VictimCall.objects.filter(pk=call.pk, referral__isnull=False).exists():
        raise RuleError(_("Cet appel a déjà donné lieu à une mise en relation."))
    if not handover_structures(call.departement).filter(pk=structure.pk).exists():
        raise RuleError(_("Choisissez une structure du département de l'appelante."))
    case = _her_case_at(structure, victim)
    summary = _("Mise en relation par la ligne d'écoute, avec l'accord de la victime")
    if case is None:
        case = case_services.open_case(actor, masking={}, agency=structure, without_complaint=True)
        Person.objects.create(case=case, role=PersonRole.VICTIM, **victim)
        SafeContact.objects.create(case=case, **safe_contact)
        case_services.add_timeline_entry(case, "helpline_handover", summary, actor=actor)
    else:
        detail = _("Contact sûr donné à l'écoutante : %(phone)s (%(times)s)") % {
            "phone": safe_contact["phone"],
            "times": safe_contact.get("times_to_call", ""),
        }
        case_services.add_timeline_entry(
            case,
            "helpline_handover",
            summary,
            actor=actor,
            detail=detail,
        )
    consent_record = ConsentRecord.objects.create(
        case=case,
        agency=structure,
        scope=ShareScope.WHOLE_FILE,
        recorded_by=actor.user,
        recorded_agency=membership.agency,
    )
    referral = Referral.objects.create(
        case=case,
        to_agency=structure,
        to_role=perms.HANDOVER_ROLE,
        scope=ShareScope.WHOLE_FILE,
        consent=consent_record,
        sent_by=actor.user,
        from_agency=membership.agency,
    )
    VictimCall.objects.filter(pk=call.pk).update(referral=referral)
    call.refresh_from_db()
    record(actor, Action.CREATE, referral, fields=["victim", "safe_contact", "consent"])
    return referral


@transaction.atomic
def record_perpetrator_call(
    actor: Actor, *, departement, caller, violence_forms, orientation, handover=None
) -> PerpetratorCall:
    """A "Ne frappez pas" call; `handover` (cpca, first_name, phone, times_to_call) only when he
    agreed to be called back by the CPCA of his département."""
    require(perms.is_listener(actor.membership))
    if handover is not None and not cpcas(departement).filter(pk=handover["cpca"].pk).exists():
        raise RuleError(_("Choisissez le CPCA du département de l'appelant."))
    call = PerpetratorCall.objects.create(
        agency=actor.membership.agency,
        recorded_by=actor.user,
        departement=departement,
        caller=caller,
        violence_forms=list(violence_forms),
        orientation=orientation,
    )
    record(actor, Action.CREATE, call, fields=["departement", "caller", "orientation"])
    if handover is not None:
        created = CpcaHandover.objects.create(
            call=call, consent_given_at=timezone.now(), **handover
        )
        record(actor, Action.CREATE, created, fields=["first_name", "phone"])
    return call


@transaction.atomic
def mark_called_back(actor: Actor, handover: CpcaHandover) -> CpcaHandover:
    require(perms.visible_cpca_handovers(actor.membership).filter(pk=handover.pk).exists())
    CpcaHandover.objects.filter(pk=handover.pk, called_back_at__isnull=True).update(
        called_back_at=timezone.now()
    )
    handover.refresh_from_db()
    record(actor, Action.UPDATE, handover, fields=["called_back_at"])
    return handover
