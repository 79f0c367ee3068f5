"""The hash chain of the audit log: how an entry is sealed, and how the whole chain is checked.

Entries are sealed with HMAC-SHA256 under settings.AUDIT_KEY, which the database never holds:
rewriting an entry and recomputing the chain needs the key. Entries up to
settings.AUDIT_LEGACY_UNTIL were sealed with plain SHA-256 before the key existed.
"""

import datetime
import hashlib
import hmac
import json
from dataclasses import dataclass

from django.conf import settings

from . import checkpoints
from .models import AuditEntry, AuditHead

GENESIS_HASH = "0" * 64


def canonical(entry: AuditEntry) -> bytes:
    """What is sealed: the entry's content, its place in the chain and the previous hash."""
    payload = {
        "seq": entry.seq,
        "at": entry.at.astimezone(datetime.UTC).isoformat(),
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
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def entry_digest(entry: AuditEntry) -> str:
    """The seal of an entry: a keyed MAC (plain SHA-256 for entries before the cut-over)."""
    if entry.seq <= settings.AUDIT_LEGACY_UNTIL:
        return hashlib.sha256(canonical(entry)).hexdigest()
    return hmac.new(settings.AUDIT_KEY.encode(), canonical(entry), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class ChainReport:
    verified: int
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem


def missing(first: int, last: int) -> str:
    if first == last:
        return f"entry {first} is missing (deleted)"
    return f"entries {first} to {last} are missing (deleted)"


def entry_problem(entry: AuditEntry, expected_seq: int, prev_hash: str) -> str:
    """What is wrong with `entry` given where the chain stood before it, or ""."""
    if entry.seq != expected_seq:
        return f"{missing(expected_seq, entry.seq - 1)} after entry {expected_seq - 1}"
    if entry.prev_hash != prev_hash:
        return (
            f"entry {entry.seq} does not follow entry {entry.seq - 1} "
            "(prev_hash mismatch: reordered or inserted)"
        )
    if entry_digest(entry) != entry.hash:
        return f"entry {entry.seq} was edited (hash mismatch)"
    return ""


def head_problem(last_seq: int, last_hash: str) -> str:
    """Whether the chain ends where the head says: catches the removal of the last entries."""
    head = AuditHead.objects.filter(pk=AuditHead.SINGLETON_ID).first()
    if head is None:
        return "the chain head is missing" if last_seq else ""
    if head.seq > last_seq:
        return f"{missing(last_seq + 1, head.seq)} at the end of the log"
    if head.seq < last_seq:
        return f"entries after {head.seq} were appended behind the chain head"
    if head.hash != last_hash:
        return f"entry {last_seq} does not match the chain head (hash mismatch)"
    return ""


def verify_chain(chunk_size: int = 2000) -> ChainReport:
    """Walks the whole log in order and stops at the first broken place."""
    expected_seq, prev_hash = 1, GENESIS_HASH
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=chunk_size):
        problem = entry_problem(entry, expected_seq, prev_hash)
        if problem:
            return ChainReport(verified=expected_seq - 1, problem=problem)
        expected_seq, prev_hash = entry.seq + 1, entry.hash
    last_seq = expected_seq - 1
    problem = head_problem(last_seq, prev_hash) or checkpoints.problem(last_seq)
    return ChainReport(verified=last_seq, problem=problem)
