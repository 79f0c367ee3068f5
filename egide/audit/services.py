"""Writing to the audit log. Every read and write of personal data goes through `record`."""

from django.db import transaction
from django.utils import timezone

from . import checkpoints
from .chain import GENESIS_HASH, entry_digest
from .models import AuditEntry, AuditHead


def client_ip(request) -> str | None:
    ip = request.META.get("REMOTE_ADDR") if request is not None else None
    # Stored as the database will return it, so the sealed hash matches what is read back.
    return AuditEntry._meta.get_field("client_ip").get_prep_value(ip or None)


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


def record(request, action: str, obj=None, **details) -> AuditEntry:
    """Append one entry. `request` may be None for system actions (then pass `user` if any)."""
    return append(entry_for(request, action, obj, **details))


def record_reads(request, objects, fields) -> list:
    """One read entry per object shown, so the log claims only reads that happened: a list that
    shows nothing records nothing. Returns `objects` as a list (the queryset is evaluated once)."""
    shown = list(objects)
    append_all([entry_for(request, "read", obj, fields=fields) for obj in shown])
    return shown


def entry_for(
    request,
    action: str,
    obj=None,
    *,
    fields=(),
    reason: str = "",
    flagged: bool = False,
    object_type: str = "",
    object_id: str = "",
    user=None,
) -> AuditEntry:
    """The entry `record` appends, not yet sealed nor stored (see `append_all`)."""
    user = user or (getattr(request, "user", None) if request is not None else None)
    membership = getattr(request, "membership", None)
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    return AuditEntry(
        at=timezone.now(),
        actor=user if user is not None and user.is_authenticated else None,
        actor_username=user.get_username() if user is not None else "",
        role=membership.role if membership else "",
        agency=membership.agency if membership else None,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        fields=sorted(set(fields)),
        reason=reason,
        client_ip=client_ip(request),
        flagged=flagged,
    )
