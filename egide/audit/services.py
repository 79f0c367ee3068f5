"""Writing to the audit log. Every read and write of personal data goes through `record`."""

import hashlib
import json

from django.db import transaction
from django.utils import timezone

from .models import AuditEntry

GENESIS_HASH = "0" * 64


def entry_digest(entry: AuditEntry) -> str:
    """The hash sealing an entry: its content and the previous entry's hash."""
    payload = {
        "id": entry.pk,
        "at": entry.at.isoformat(),
        "actor": entry.actor_id,
        "actor_username": entry.actor_username,
        "role": entry.role,
        "agency": entry.agency_id,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "fields": list(entry.fields),
        "reason": entry.reason,
        "client_ip": entry.client_ip,
        "flagged": entry.flagged,
        "prev_hash": entry.prev_hash,
    }
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None


def record(
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
    """Append one entry. `request` may be None for system actions (then pass `user` if any)."""
    user = user or (getattr(request, "user", None) if request is not None else None)
    membership = getattr(request, "membership", None)
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    with transaction.atomic():
        last = AuditEntry.objects.select_for_update().order_by("-id").only("id", "hash").first()
        entry = AuditEntry(
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
            prev_hash=last.hash if last else GENESIS_HASH,
            hash="pending",
        )
        entry.save()
        entry.hash = entry_digest(entry)
        AuditEntry.objects.filter(pk=entry.pk).update(hash=entry.hash)
    return entry
