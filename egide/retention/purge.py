"""The purge: what each kind has due, and its deletion in batches, one audit entry per batch.

`report(now)` changes nothing (`egide purge --dry-run`); `run(now)` deletes what is due of the
kinds that purge and reports the others. Each batch is one transaction with its audit entry
(the kind, the rule and the count; never a value nor an id of what went), so a crash leaves
every batch either gone and audited or untouched. A batch a later table still protects (a row
another domain refers to) is rolled back and counted as blocked, and the purge goes on.
"""

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.db.models import ProtectedError, QuerySet
from django.utils import timezone

from egide.accounts.actor import Actor
from egide.audit.choices import Action
from egide.audit.services import record

from .kinds import KINDS, Kind

logger = logging.getLogger(__name__)

BATCH_SIZE = 2000


@dataclass
class KindReport:
    code: str
    label: str
    source: str
    purges: bool
    due: int
    oldest: datetime | None
    archived: int | None
    deleted: int = 0
    blocked: int = 0
    batches: list[int] = field(default_factory=list)


def _report(kind: Kind, now: datetime, groups: list[QuerySet]) -> KindReport:
    keep, source = kind.keep(now)
    return KindReport(
        code=kind.code,
        label=str(kind.label),
        source=source,
        purges=keep.purge,
        due=sum(group.count() for group in groups),
        oldest=kind.oldest(groups),
        archived=kind.archived(now),
    )


def report(now: datetime | None = None) -> list[KindReport]:
    """What would go, kind by kind, and why. Changes nothing."""
    now = now or timezone.now()
    return [_report(kind, now, list(kind.due(now))) for kind in KINDS]


def _batches(groups: Iterable[QuerySet], size: int) -> Iterator[list[int]]:
    pending: list[int] = []
    for group in groups:
        for pk in group.values_list("pk", flat=True).iterator(chunk_size=size):
            pending.append(pk)
            if len(pending) == size:
                yield pending
                pending = []
    if pending:
        yield pending


def _delete_around_held(kind: Kind, result: KindReport, ids: list[int]) -> None:
    """Deletes the batch; if rows of it are still referred to, halves it until only those rows
    are left out (counted as blocked), so that one held row never keeps a whole batch."""
    try:
        count = _delete_batch(kind, result, ids)
    except ProtectedError:
        if len(ids) == 1:
            result.blocked += 1
            return
        half = len(ids) // 2
        _delete_around_held(kind, result, ids[:half])
        _delete_around_held(kind, result, ids[half:])
        return
    result.deleted += count
    result.batches.append(count)


def _delete_batch(kind: Kind, report: KindReport, ids: list[int]) -> int:
    with transaction.atomic():
        _total, by_model = kind.model.objects.filter(pk__in=ids).delete()
        count = by_model.get(kind.model._meta.label, 0)
        record(
            Actor.system(),
            Action.DELETE,
            object_type=kind.model._meta.label_lower,
            reason=f"Purge {kind.code}: {count} ({report.source})",
        )
    return count


def run(now: datetime | None = None, batch_size: int = BATCH_SIZE) -> list[KindReport]:
    """Deletes what is due of every kind that purges; returns the report with what went."""
    now = now or timezone.now()
    reports = []
    for kind in KINDS:
        groups = list(kind.due(now))
        result = _report(kind, now, groups)
        if result.purges and result.due:
            # The ids are listed before deleting: deleting while iterating would skip rows.
            for ids in list(_batches(groups, batch_size)):
                _delete_around_held(kind, result, ids)
        if result.due:
            logger.info(
                "retention purge kind=%s due=%d deleted=%d blocked=%d",
                kind.code,
                result.due,
                result.deleted,
                result.blocked,
            )
        reports.append(result)
    return reports
