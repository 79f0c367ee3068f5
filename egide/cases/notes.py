"""Social workers' follow-up notes and interview records (see perms.visible_notes for who reads
them). Writing one is audited; its text never reaches the timeline."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from egide.accounts.actor import Actor
from egide.audit.choices import Action
from egide.audit.services import record
from egide.errors import RuleError

from . import perms
from .models import Case, CaseNote


@transaction.atomic
def write_note(actor: Actor, case: Case, *, kind: str, text: str, shared_with=()) -> CaseNote:
    membership = actor.membership
    if not perms.can_write_notes(membership, case):
        raise PermissionDenied
    allowed = perms.note_recipients(case)
    if any(not allowed.filter(pk=agency.pk).exists() for agency in shared_with):
        raise RuleError(_("Une note ne se partage qu'avec les structures qui suivent le dossier."))
    note = CaseNote.objects.create(
        case=case, kind=kind, text=text, author=actor.user, agency=membership.agency
    )
    note.shared_with.set([a for a in shared_with if a.pk != membership.agency_id])
    record(actor, Action.CREATE, note, fields=["kind", "text", "shared_with"])
    return note
