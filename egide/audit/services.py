"""Writing to the audit log. Every read and write of personal data goes through `record`."""

from django.db import transaction
from django.utils import timezone

from egide.accounts.actor import Actor

from . import checkpoints
from .chain import GENESIS_HASH, entry_digest
from .models import AuditEntry, AuditHead


def client_ip(actor: Actor) -> str | None:
    # Stored as the database will return it, so the sealed hash matches what is read back.
    return AuditEntry._meta.get_field("client_ip").get_prep_value(actor.client_ip or None)


def locked_head() -> AuditHead:
    """The chain head, locked until the end of the transaction: appends take turns here."""
    head, _ = AuditHead.objects.select_for_update().get_or_create(
        pk=AuditHead.SINGLETON_ID, defaults={"seq": 0, "hash": GENESIS_HASH}
    )
    return head


def append_all(entries: list[AuditEntry]) -> list[AuditEntry]:
    """Seals `entries` in order after the last one and stores them with one lock of the head,
    then moves the head forward (a page listing 25 cases takes the lock once, not 25 times)."""
    if not entries:
        return entries
    with transaction.atomic():
        head = locked_head()
        for entry in entries:
            entry.seq, entry.prev_hash = head.seq + 1, head.hash
            entry.hash = entry_digest(entry)
            head.seq, head.hash = entry.seq, entry.hash
        AuditEntry.objects.bulk_create(entries)
        head.save(update_fields=["seq", "hash"])
        seq, digest = head.seq, head.hash
        transaction.on_commit(lambda: checkpoints.write(seq, digest))
    return entries


def append(entry: AuditEntry) -> AuditEntry:
    """Seals `entry` after the last one and stores it, then moves the head forward."""
    return append_all([entry])[0]


def record(actor: Actor, action: str, obj=None, **details) -> AuditEntry:
    """Append one entry made by `actor` (`Actor.system()` for jobs and commands)."""
    return append(entry_for(actor, action, obj, **details))


def record_reads(actor: Actor, objects, fields) -> list:
    """One read entry per object shown, so the log claims only reads that happened: a list that
    shows nothing records nothing. Returns `objects` as a list (the queryset is evaluated once)."""
    shown = list(objects)
    append_all([entry_for(actor, "read", obj, fields=fields) for obj in shown])
    return shown


def entry_for(
    actor: Actor,
    action: str,
    obj=None,
    *,
    fields=(),
    reason: str = "",
    flagged: bool = False,
    object_type: str = "",
    object_id: str = "",
) -> AuditEntry:
    """The entry `record` appends, not yet sealed nor stored (see `append_all`)."""
    user = actor.user
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    return AuditEntry(
        at=timezone.now(),
        actor=user if user is not None and user.is_authenticated else None,
        actor_username=user.get_username() if user is not None else "",
        role=actor.role,
        agency=actor.agency,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        fields=sorted(set(fields)),
        reason=reason,
        client_ip=client_ip(actor),
        flagged=flagged,
    )
