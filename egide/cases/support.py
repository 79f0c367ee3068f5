"""Support cases ("accompagnement"): opened by a partner with or without a complaint.

- A partner (association, département, hospital, maison des femmes, UMJ, ISCG) opens the same
  `Case` as the police, owned by its agency, once the victim has consented; her consent and its
  scope are recorded against the opening agency.
- When she files a complaint later, at any police unit, the desk looks her up by the keyed name
  digests and birth date (search_keys.py, matching.py). The officer learns only that a support
  file exists — neither its agency nor its content — and, if she agrees, her complaint joins it
  instead of opening a second file.
- Two files of the same victim are merged by a deliberate, audited action; a support case follows
  her when she moves (transfer of ownership, with her consent).
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egide.accounts.actor import Actor
from egide.audit.choices import Action
from egide.audit.services import record
from egide.errors import RuleError

from . import closing, matching, perms
from .choices import CaseOrigin, CaseStatus, CloseReason, PersonRole, ShareScope
from .models import Case, Person, Relationship, SafeContact
from .services import (
    add_timeline_entry,
    case_reference,
    fill_new_case,
    record_incident,
)
from .sharing import store_consent


@transaction.atomic
def open_support_case(
    actor: Actor, *, victim, perpetrator, relationship, incident, safe_contact, masking, scope: str
) -> Case:
    """A partner's support case: no court and no police until she files or the procureur acts."""
    if not perms.can_open_support_case(actor.membership):
        raise PermissionDenied
    agency = actor.membership.agency
    case = Case.objects.create(
        reference=f"pending-{timezone.now().timestamp()}-{actor.user.pk}",
        departement=agency.departement,
        court=None,
        opening_agency=agency,
        opened_as=CaseOrigin.SUPPORT,
        complaint_filed=False,
        **masking,
    )
    case.reference = case_reference(case)
    case.save(update_fields=["reference"])
    add_timeline_entry(case, "case_opened", _("Ouverture d'un accompagnement"), actor=actor)
    store_consent(actor, case, agency=agency, scope=scope)
    parts = {
        "victim": victim,
        "perpetrator": perpetrator,
        "relationship": relationship,
        "incident": incident,
        "safe_contact": safe_contact,
        "masking": masking,
    }
    return fill_new_case(actor, case, parts)


def support_case_for(victim: dict) -> Case | None:
    """The open support case, without a complaint yet, of the victim described at the desk.

    Looked up across all partners by birth date and tolerant name matching on the few people
    sharing it. The caller shows the officer that a file exists, never what is in it.
    """
    probe = Person(
        last_name=victim.get("last_name", ""),
        first_name=victim.get("first_name", ""),
        birth_date=victim.get("birth_date"),
    )
    if not probe.birth_date:
        return None
    candidates = Person.objects.filter(
        matching.birth_candidates(probe),
        role=PersonRole.VICTIM,
        case__opened_as=CaseOrigin.SUPPORT,
        case__complaint_filed=False,
        case__merged_into__isnull=True,
    ).exclude(case__status=CaseStatus.CLOSED)
    for person in candidates.select_related("case").order_by("-case__created_at"):
        if matching.same_person(probe, person):
            return person.case
    return None


@transaction.atomic
def attach_complaint(
    actor: Actor, case: Case, *, perpetrator, relationship, incident, safe_contact
):
    """Her complaint joins her support case (she agreed at the desk): the unit takes the file
    with the court of its jurisdiction; people and facts already there are kept."""
    membership = actor.membership
    if not perms.can_open_case(membership):
        raise PermissionDenied
    if case.complaint_filed or case.is_closed:
        raise RuleError(_("Ce dossier a déjà une plainte, ou il est clos."))
    unit = membership.agency
    case.complaint_filed, case.complaint_unit = True, unit
    case.court = case.court or unit.jurisdiction
    case.assigned_officer = actor.user
    case.save(update_fields=["complaint_filed", "complaint_unit", "court", "assigned_officer"])
    store_consent(actor, case, agency=unit, scope=ShareScope.WHOLE_FILE)
    if case.perpetrator is None:
        Person.objects.create(case=case, role=PersonRole.PERPETRATOR, **perpetrator)
    if not Relationship.objects.filter(case=case).exists():
        Relationship.objects.create(case=case, **relationship)
    if not SafeContact.objects.filter(case=case).exists():
        SafeContact.objects.create(case=case, **safe_contact)
    add_timeline_entry(
        case,
        "complaint",
        _("Plainte déposée (%(unit)s), rattachée à l'accompagnement") % {"unit": unit},
        actor=actor,
    )
    record(actor, Action.UPDATE, case, fields=["complaint_filed", "complaint_unit", "court"])
    record_incident(actor, case, incident)
    return case


@transaction.atomic
def transfer_case(actor: Actor, case: Case, *, to_agency, scope: str) -> Case:
    """She moves: the support case follows her to another partner, with her consent."""
    if not perms.can_transfer_case(actor.membership, case):
        raise PermissionDenied
    if to_agency.pk == case.opening_agency_id:
        raise RuleError(_("Le dossier est déjà suivi par cette structure."))
    from_agency = case.opening_agency
    store_consent(actor, case, agency=to_agency, scope=scope)
    case.opening_agency, case.departement = to_agency, to_agency.departement
    case.save(update_fields=["opening_agency", "departement"])
    summary = _("Dossier transmis de %(from)s à %(to)s") % {"from": from_agency, "to": to_agency}
    add_timeline_entry(case, "transfer", summary, actor=actor)
    record(actor, Action.UPDATE, case, fields=["opening_agency", "departement"])
    return case


def duplicate_cases(membership, case: Case):
    """Other open files of the same victim that this member may change (merge candidates)."""
    victim = case.victim
    if victim is None:
        return []
    found = []
    for person in matching.matching_people(victim):
        other = person.case
        if person.role == PersonRole.VICTIM and perms.can_merge_cases(membership, case, other):
            found.append(other)
    return found


MOVED_RELATIONS = ("incidents", "documents", "evidence", "notes")


@transaction.atomic
def merge_cases(actor: Actor, kept: Case, duplicate: Case, *, reason: str) -> Case:
    """Moves the duplicate's facts, pieces, evidence and notes into `kept`, closes it as merged.

    Assessments, orders and devices are records of their own file and stay where they were made
    (the duplicate must have none in force: closing.py decides, as for any closing).
    """
    if not perms.can_merge_cases(actor.membership, kept, duplicate):
        raise PermissionDenied
    if not reason.strip():
        raise RuleError(_("Indiquez pourquoi ces deux dossiers sont ceux de la même victime."))
    blockers = closing.closing_blockers(duplicate)
    if blockers:
        raise RuleError(blockers)
    for relation in MOVED_RELATIONS:
        getattr(duplicate, relation).update(case=kept)
    if duplicate.complaint_filed and not kept.complaint_filed:
        # Her complaint was the duplicate's: the unit that took it follows the merged file.
        complaint_case = duplicate.opened_as == CaseOrigin.COMPLAINT
        kept.complaint_filed = True
        kept.complaint_unit = (
            duplicate.opening_agency if complaint_case else duplicate.complaint_unit
        )
        kept.court = kept.court or duplicate.court
        kept.save(update_fields=["complaint_filed", "complaint_unit", "court"])
    duplicate.status, duplicate.close_reason = CaseStatus.CLOSED, CloseReason.MERGED
    duplicate.closed_at, duplicate.merged_into = timezone.now(), kept
    duplicate.save(update_fields=["status", "close_reason", "closed_at", "merged_into"])
    add_timeline_entry(
        kept,
        "merge",
        _("Dossier %(reference)s rattaché à celui-ci") % {"reference": duplicate.reference},
        detail=reason.strip(),
        actor=actor,
    )
    add_timeline_entry(
        duplicate,
        "merge",
        _("Rattaché au dossier %(reference)s") % {"reference": kept.reference},
        actor=actor,
    )
    record(actor, Action.UPDATE, kept, fields=["merged_cases"], reason=reason.strip())
    record(actor, Action.UPDATE, duplicate, fields=["merged_into"], reason=reason.strip())
    return kept
