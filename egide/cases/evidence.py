"""Evidence kept without a complaint: recorded by the examining hospital or UMJ, encrypted at
rest, disclosed to police and parquet once she files or the procureur is seized (perms.py), and
announced to the keeper before its retention date lapses (tasks.py)."""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egide.accounts.actor import Actor
from egide.audit.choices import Action
from egide.audit.services import record

from . import perms
from .models import Case, EvidenceRecord
from .services import add_timeline_entry

# Platform default (no legal source): the keeper hears a month before the retention date, time
# enough for her to decide on a complaint or for the procureur to ask for the evidence.
RETENTION_REMINDER_LEAD = timedelta(days=30)
EVIDENCE_FIELDS = ["kind", "examined_on", "description", "itt_days", "storage_place", "keep_until"]


@transaction.atomic
def record_evidence(actor: Actor, case: Case, data: dict) -> EvidenceRecord:
    if not perms.can_record_evidence(actor.membership, case):
        raise PermissionDenied
    evidence = EvidenceRecord.objects.create(
        case=case, keeper=actor.membership.agency, recorded_by=actor.user, **data
    )
    # The summary names the kind only: what and where stay in the encrypted record.
    summary = _("Preuves conservées : %(kind)s") % {"kind": evidence.get_kind_display()}
    add_timeline_entry(case, "evidence", summary, source=evidence, actor=actor)
    record(actor, Action.CREATE, evidence, fields=EVIDENCE_FIELDS)
    return evidence


def retention_lapsing(today: date | None = None):
    """Evidence whose retention date falls within the lead, on cases still open."""
    today = today or timezone.localdate()
    return EvidenceRecord.objects.filter(
        keep_until__gte=today, keep_until__lte=today + RETENTION_REMINDER_LEAD
    ).exclude(case__status="closed")
