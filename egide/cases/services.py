"""The operations on a case file. Views and the API call these; each one is audited.

`request` is the acting request (its user and membership are the author); the demo passes a
stand-in with the same attributes.
"""

import hashlib
import uuid
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egide.audit.models import Action
from egide.audit.services import record

from . import closing, documents, perms, signals
from .choices import CaseStatus, PersonRole
from .models import (
    Case,
    Document,
    Incident,
    Person,
    Relationship,
    SafeContact,
    TimelineEntry,
)


class CaseRuleError(ValidationError):
    """An operation refused by a case-file rule; the message is for the user."""


def add_timeline_entry(
    case: Case,
    kind: str,
    summary: str,
    *,
    author=None,
    agency=None,
    at: datetime | None = None,
    detail: str = "",
    source=None,
) -> TimelineEntry:
    """Adds a line to the case's timeline. `summary` must not contain personal data."""
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


def _author(request) -> dict:
    return {"author": request.user, "agency": request.membership.agency}


def _changed_fields(data: dict) -> list[str]:
    return sorted(name for name, value in data.items() if value not in ("", None, [], False))


def case_reference(case: Case) -> str:
    return f"VIF-{case.departement}-{case.created_at:%Y}-{case.pk:06d}"


@transaction.atomic
def open_case(request, *, masking: dict) -> Case:
    agency = request.membership.agency
    case = Case.objects.create(
        reference=uuid.uuid4().hex,  # replaced below, once the number is known
        departement=agency.departement,
        court=agency.jurisdiction,
        opening_agency=agency,
        assigned_officer=request.user,
        **masking,
    )
    case.reference = case_reference(case)
    case.save(update_fields=["reference"])
    add_timeline_entry(case, "case_opened", _("Ouverture du dossier"), **_author(request))
    return case


@transaction.atomic
def open_case_from_complaint(
    request, *, victim, perpetrator, relationship, incident, safe_contact, masking
) -> Case:
    """The desk's one page: case, both people, their relationship, first incident, safe contact."""
    if not perms.can_open_case(request.membership):
        raise PermissionDenied
    case = open_case(request, masking=masking)
    return fill_new_case(request, case, locals())


def fill_new_case(request, case: Case, parts: dict) -> Case:
    """A new case's people, relationship, safe contact and first incident, from the opening
    page's `parts` (victim, perpetrator, relationship, incident, safe_contact, masking)."""
    Person.objects.create(case=case, role=PersonRole.VICTIM, **parts["victim"])
    Person.objects.create(case=case, role=PersonRole.PERPETRATOR, **parts["perpetrator"])
    Relationship.objects.create(case=case, **parts["relationship"])
    SafeContact.objects.create(case=case, **parts["safe_contact"])
    record(request, Action.CREATE, case, fields=_created_fields(parts))
    record_incident(request, case, parts["incident"])
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
def record_incident(request, case: Case, data: dict) -> Incident:
    incident = Incident.objects.create(
        case=case,
        recorded_by=request.user,
        recorded_agency=request.membership.agency,
        **data,
    )
    summary = _("Fait de violence du %(date)s enregistré") % {
        "date": f"{incident.occurred_on:%d/%m/%Y}"
    }
    add_timeline_entry(case, "incident", summary, source=incident, **_author(request))
    record(request, Action.CREATE, incident, fields=_changed_fields(data))
    _on_commit_send(signals.incident_recorded, case=case, incident=incident)
    return incident


@transaction.atomic
def save_person(request, case: Case, person: Person, changed: list[str]) -> Person:
    creating = person.pk is None
    person.case = case
    person.save()
    summary = _("Personne ajoutée (%(role)s)") if creating else _("Personne modifiée (%(role)s)")
    add_timeline_entry(
        case, "person", summary % {"role": person.get_role_display()}, **_author(request)
    )
    record(request, Action.CREATE if creating else Action.UPDATE, person, fields=changed)
    return person


@transaction.atomic
def save_relationship(request, case: Case, relationship: Relationship, changed: list[str]):
    was_separated = (
        Relationship.objects.filter(pk=relationship.pk).first() or Relationship()
    ).is_separated
    relationship.case = case
    relationship.save()
    record(request, Action.UPDATE, relationship, fields=changed)
    if relationship.is_separated and not was_separated:
        add_timeline_entry(case, "separation", _("Séparation signalée"), **_author(request))
        _on_commit_send(signals.separation_recorded, case=case)
    return relationship


@transaction.atomic
def save_safe_contact(request, case: Case, contact: SafeContact, changed: list[str]):
    contact.case = case
    contact.save()
    add_timeline_entry(case, "safe_contact", _("Contact sûr mis à jour"), **_author(request))
    record(request, Action.UPDATE, contact, fields=changed)
    return contact


@transaction.atomic
def set_address_masking(request, case: Case, *, hidden: bool, basis: str, election: str):
    case.address_hidden, case.address_hidden_basis = hidden, basis
    case.election_of_domicile = election
    case.save(update_fields=["address_hidden", "address_hidden_basis", "election_of_domicile"])
    summary = _("Adresse de la victime masquée") if hidden else _("Masquage de l'adresse levé")
    add_timeline_entry(case, "address_masking", summary, **_author(request))
    record(request, Action.UPDATE, case, fields=["address_hidden", "election_of_domicile"])


def _set_status(request, case: Case, status: str, summary: str, reason: str = "") -> Case:
    case.status = status
    case.close_reason = reason
    case.closed_at = timezone.now() if status == CaseStatus.CLOSED else None
    case.save(update_fields=["status", "close_reason", "closed_at"])
    add_timeline_entry(case, "status", summary, **_author(request))
    record(request, Action.UPDATE, case, fields=["status", "close_reason"])
    return case


@transaction.atomic
def close_case(request, case: Case, reason: str) -> Case:
    """Refused while an order, a device, an aid or a shelter place is active (closing.py)."""
    blockers = closing.closing_blockers(case)
    if blockers:
        raise CaseRuleError(blockers)
    return _set_status(request, case, CaseStatus.CLOSED, _("Dossier clos"), reason)


@transaction.atomic
def supervise_case(request, case: Case) -> Case:
    return _set_status(request, case, CaseStatus.SUPERVISED, _("Dossier placé sous surveillance"))


@transaction.atomic
def reopen_case(request, case: Case) -> Case:
    return _set_status(request, case, CaseStatus.OPEN, _("Dossier rouvert"))


@transaction.atomic
def store_document(request, case: Case, kind: str, upload) -> Document:
    data = upload.read()
    document = Document(
        case=case,
        kind=kind,
        original_name=upload.name[:255],
        stored_name=documents.new_stored_name(),
        content_type=documents.sniff_content_type(data[:16]),
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=request.user,
        uploaded_agency=request.membership.agency,
    )
    documents.write_encrypted(document.stored_name, data)
    document.save()
    summary = _("Pièce ajoutée : %(kind)s") % {"kind": document.get_kind_display()}
    add_timeline_entry(case, "document", summary, source=document, **_author(request))
    record(request, Action.CREATE, document, fields=["kind", "original_name", "file"])
    return document


def read_document(request, document: Document) -> bytes:
    record(request, Action.READ, document, fields=["original_name", "file"])
    return documents.read_decrypted(document.stored_name)


@transaction.atomic
def record_release(request, case: Case, released_on) -> TimelineEntry:
    """The perpetrator leaves custody (end of a sentence, of pre-trial detention, of police
    custody without charges): a moment of danger that calls for a re-assessment."""
    if not perms.can_edit_case(request.membership, case):
        raise PermissionDenied
    summary = _("Sortie de détention de l'auteur le %(date)s") % {"date": f"{released_on:%d/%m/%Y}"}
    entry = add_timeline_entry(case, "custody_release", summary, **_author(request))
    record(request, Action.CREATE, entry, fields=["custody_release"])
    _on_commit_send(signals.release_recorded, case=case, released_on=released_on)
    return entry
