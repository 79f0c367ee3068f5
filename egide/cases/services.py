"""The operations on a case file. Views and the API call these; each one is audited.

`actor` is who acts (egide.accounts.actor: its user and membership are the author); views pass
`request.actor`, the demo an `Actor.for_membership`.
"""

import hashlib
import uuid
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egide.accounts.actor import Actor
from egide.audit.choices import Action
from egide.audit.services import record
from egide.errors import RuleError

from . import closing, documents, perms, signals
from .choices import CaseOrigin, CaseStatus, PersonRole
from .models import (
    Case,
    Document,
    Incident,
    Person,
    Relationship,
    SafeContact,
    TimelineEntry,
)


def add_timeline_entry(
    case: Case,
    kind: str,
    summary: str,
    *,
    actor: Actor | None = None,
    author=None,
    agency=None,
    at: datetime | None = None,
    detail: str = "",
    source=None,
) -> TimelineEntry:
    """Adds a line to the case's timeline. `summary` must not contain personal data. The author
    and agency are `actor`'s when given (a service), else `author` and `agency` (the demo)."""
    if actor is not None:
        author, agency = actor.user, actor.agency
    entry = TimelineEntry(
        case=case,
        kind=kind,
        summary=summary,
        detail=detail,
        author=author,
        agency=agency,
        at=at or timezone.now(),
    )
    if source is not None:
        entry.source_type = ContentType.objects.get_for_model(source)
        entry.source_id = str(source.pk)
    entry.save()
    return entry


def _changed_fields(data: dict) -> list[str]:
    return sorted(name for name, value in data.items() if value not in ("", None, [], False))


def case_reference(case: Case) -> str:
    return f"VIF-{case.departement}-{case.created_at:%Y}-{case.pk:06d}"


@transaction.atomic
def open_case(actor: Actor, *, masking: dict, agency=None, without_complaint=False) -> Case:
    """A case owned by the member's agency, or by `agency` when another door hands it over
    (a helpline's consented hand-over): then nobody is assigned yet. `without_complaint` opens
    it as a support case (the owner's door; evidence withheld until she files or the procureur
    is seized), still under the owner's court."""
    owner = agency or actor.membership.agency
    origin = {"opened_as": CaseOrigin.SUPPORT, "complaint_filed": False}
    case = Case.objects.create(
        reference=uuid.uuid4().hex,  # replaced below, once the number is known
        departement=owner.departement,
        court=owner.jurisdiction,
        opening_agency=owner,
        assigned_officer=actor.user if agency is None else None,
        **(origin if without_complaint else {}),
        **masking,
    )
    case.reference = case_reference(case)
    case.save(update_fields=["reference"])
    add_timeline_entry(case, "case_opened", _("Ouverture du dossier"), actor=actor)
    return case


@transaction.atomic
def open_case_from_complaint(
    actor: Actor, *, victim, perpetrator, relationship, incident, safe_contact, masking
) -> Case:
    """The desk's one page: case, both people, their relationship, first incident, safe contact."""
    if not perms.can_open_case(actor.membership):
        raise PermissionDenied
    case = open_case(actor, masking=masking)
    return fill_new_case(actor, case, locals())


def fill_new_case(actor: Actor, case: Case, parts: dict) -> Case:
    """A new case's people, relationship, safe contact and first incident, from the opening
    page's `parts` (victim, perpetrator, relationship, incident, safe_contact, masking)."""
    Person.objects.create(case=case, role=PersonRole.VICTIM, **parts["victim"])
    Person.objects.create(case=case, role=PersonRole.PERPETRATOR, **parts["perpetrator"])
    Relationship.objects.create(case=case, **parts["relationship"])
    SafeContact.objects.create(case=case, **parts["safe_contact"])
    record(actor, Action.CREATE, case, fields=_created_fields(parts))
    record_incident(actor, case, parts["incident"])
    if case.relationship.is_separated:
        _on_commit_send(signals.separation_recorded, case=case)
    return case


def _created_fields(parts: dict) -> list[str]:
    names = []
    for part in ("victim", "perpetrator", "relationship", "safe_contact", "masking"):
        names += [f"{part}.{name}" for name in _changed_fields(parts[part])]
    return names


def _on_commit_send(signal, **kwargs) -> None:
    transaction.on_commit(lambda: signal.send(sender=Case, **kwargs))


@transaction.atomic
def record_incident(actor: Actor, case: Case, data: dict) -> Incident:
    incident = Incident.objects.create(
        case=case,
        recorded_by=actor.user,
        recorded_agency=actor.membership.agency,
        **data,
    )
    summary = _("Fait de violence du %(date)s enregistré") % {
        "date": f"{incident.occurred_on:%d/%m/%Y}"
    }
    add_timeline_entry(case, "incident", summary, source=incident, actor=actor)
    record(actor, Action.CREATE, incident, fields=_changed_fields(data))
    _on_commit_send(signals.incident_recorded, case=case, incident=incident)
    return incident


@transaction.atomic
def save_person(actor: Actor, case: Case, person: Person, changed: list[str]) -> Person:
    creating = person.pk is None
    person.case = case
    person.save()
    summary = _("Personne ajoutée (%(role)s)") if creating else _("Personne modifiée (%(role)s)")
    add_timeline_entry(case, "person", summary % {"role": person.get_role_display()}, actor=actor)
    record(actor, Action.CREATE if creating else Action.UPDATE, person, fields=changed)
    return person


@transaction.atomic
def save_relationship(actor: Actor, case: Case, relationship: Relationship, changed: list[str]):
    was_separated = (
        Relationship.objects.filter(pk=relationship.pk).first() or Relationship()
    ).is_separated
    relationship.case = case
    relationship.save()
    record(actor, Action.UPDATE, relationship, fields=changed)
    if relationship.is_separated and not was_separated:
        add_timeline_entry(case, "separation", _("Séparation signalée"), actor=actor)
        _on_commit_send(signals.separation_recorded, case=case)
    return relationship


@transaction.atomic
def save_safe_contact(actor: Actor, case: Case, contact: SafeContact, changed: list[str]):
    contact.case = case
    contact.save()
    add_timeline_entry(case, "safe_contact", _("Contact sûr mis à jour"), actor=actor)
    record(actor, Action.UPDATE, contact, fields=changed)
    return contact


@transaction.atomic
def set_address_masking(actor: Actor, case: Case, *, hidden: bool, basis: str, election: str):
    case.address_hidden, case.address_hidden_basis = hidden, basis
    case.election_of_domicile = election
    case.save(update_fields=["address_hidden", "address_hidden_basis", "election_of_domicile"])
    summary = _("Adresse de la victime masquée") if hidden else _("Masquage de l'adresse levé")
    add_timeline_entry(case, "address_masking", summary, actor=actor)
    record(actor, Action.UPDATE, case, fields=["address_hidden", "election_of_domicile"])


def _set_status(actor: Actor, case: Case, status: str, summary: str, reason: str = "") -> Case:
    case.status = status
    case.close_reason = reason
    case.closed_at = timezone.now() if status == CaseStatus.CLOSED else None
    case.save(update_fields=["status", "close_reason", "closed_at"])
    add_timeline_entry(case, "status", summary, actor=actor)
    record(actor, Action.UPDATE, case, fields=["status", "close_reason"])
    return case


@transaction.atomic
def close_case(actor: Actor, case: Case, reason: str) -> Case:
    """Refused while an order, a device, an aid or a shelter place is active (closing.py)."""
    blockers = closing.closing_blockers(case)
    if blockers:
        raise RuleError(blockers)
    return _set_status(actor, case, CaseStatus.CLOSED, _("Dossier clos"), reason)


@transaction.atomic
def supervise_case(actor: Actor, case: Case) -> Case:
    return _set_status(actor, case, CaseStatus.SUPERVISED, _("Dossier placé sous surveillance"))


@transaction.atomic
def reopen_case(actor: Actor, case: Case) -> Case:
    return _set_status(actor, case, CaseStatus.OPEN, _("Dossier rouvert"))


@transaction.atomic
def store_document(actor: Actor, case: Case, kind: str, upload) -> Document:
    data = upload.read()
    document = Document(
        case=case,
        kind=kind,
        original_name=upload.name[:255],
        stored_name=documents.new_stored_name(),
        content_type=documents.sniff_content_type(data[:16]),
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=actor.user,
        uploaded_agency=actor.membership.agency,
    )
    documents.write_encrypted(document.stored_name, data)
    document.save()
    summary = _("Pièce ajoutée : %(kind)s") % {"kind": document.get_kind_display()}
    add_timeline_entry(case, "document", summary, source=document, actor=actor)
    record(actor, Action.CREATE, document, fields=["kind", "original_name", "file"])
    return document


def read_document(actor: Actor, document: Document) -> bytes:
    record(actor, Action.READ, document, fields=["original_name", "file"])
    return documents.read_decrypted(document.stored_name)


@transaction.atomic
def record_release(actor: Actor, case: Case, released_on) -> TimelineEntry:
    """The perpetrator leaves custody (end of a sentence, of pre-trial detention, of police
    custody without charges): a moment of danger that calls for a re-assessment."""
    if not perms.can_edit_case(actor.membership, case):
        raise PermissionDenied
    summary = _("Sortie de détention de l'auteur le %(date)s") % {"date": f"{released_on:%d/%m/%Y}"}
    entry = add_timeline_entry(case, "custody_release", summary, actor=actor)
    record(actor, Action.CREATE, entry, fields=["custody_release"])
    _on_commit_send(signals.release_recorded, case=case, released_on=released_on)
    return entry
