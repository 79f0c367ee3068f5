"""The archive of a bracelet's data (C. pénit. R. 631-11): from one month after the placement
ended, its positions and events leave the monitoring console and are read only by the procureur
or the JAF of the case's court, who states a reason; each read is flagged to the auditor, as a
break-glass read is. The purge deletes them when the archive period ends (`purge.py`).
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from egide.accounts.actor import Actor
from egide.audit.choices import Action
from egide.audit.services import record
from egide.devices.models import Pairing
from egide.errors import RuleError
from egide.monitoring.distance import DistancePoint, distance_series

from . import perms, rules
from .kinds import placement_end, placement_events

ARCHIVED_FIELDS = ["positions", "distances", "events"]


def is_archived(pairing: Pairing, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    end = placement_end(pairing)
    if end is None or end > now:
        return False
    keep, _source = rules.keep(rules.BAR_DATA, timezone.localdate(now))
    return keep.archived_from(timezone.localdate(end)) <= timezone.localdate(now)


def read_archive(actor: Actor, pairing: Pairing, reason: str):
    """The archived distances and events of `pairing`, for a stated reason, flagged and audited."""
    if not perms.archive_readable(actor.membership).filter(pk=pairing.pk).exists():
        raise PermissionDenied
    if not is_archived(pairing):
        raise RuleError(_("Ces données ne sont pas archivées : elles se lisent dans le dossier."))
    reason = reason.strip()
    if not reason:
        raise RuleError(_("Indiquez le motif de la consultation (réquisition, procédure…)."))
    record(actor, Action.READ, pairing, fields=ARCHIVED_FIELDS, reason=reason, flagged=True)
    end = placement_end(pairing)
    points: list[DistancePoint] = distance_series(pairing, pairing.valid_from, end)
    return points, list(placement_events(pairing, end).order_by("ts", "id"))
