"""Social workers' follow-up notes and interview records (see perms.visible_notes for who reads
them). Writing one is audited; its text never reaches the timeline."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from egide.audit.models import Action
from egide.audit.services import record

from . import perms
from .models import Case, CaseNote
from .services import CaseRuleError


@transaction.atomic
def write_note(request, case: Case, *, kind: str, text: str, shared_with=()) -> CaseNote:
    membership = request.membership
    if not perms.can_write_notes(membership, case):
        raise PermissionDenied
    allowed = perms.note_recipients(case)
    if any(not allowed.filter(pk=agency.pk).exists() for agency in shared_with):
        raise CaseRuleError(
            _("Une note ne se partage qu'avec les structures qui suivent le dossier.")
        )
    note = CaseNote.objects.create(
        case=case, kind=kind, text=text, author=request.user, agency=membership.agency
    )
    note.shared_with.set([a for a in shared_with if a.pk != membership.agency_id])
    record(request, Action.CREATE, note, fields=["kind", "text", "shared_with"])
    return note
