"""Signed checkpoints of the audit chain head, kept outside the database.

After each commit that appends entries, one line `{"seq", "hash", "sig"}` is appended to
settings.AUDIT_CHECKPOINTS (a file opened in append mode; point it at append-only storage, e.g.
a file with `chattr +a` or a mount synchronised to another system). `sig` is an HMAC of the line
under settings.AUDIT_KEY. `egide audit verify` then checks every checkpoint: signed with the key,
naming an entry that still holds that hash, and no further than the chain goes, so truncating the
log and moving the head back is caught even though every remaining seal is valid.
"""

import hashlib
import hmac
import json

from django.conf import settings

from .models import AuditEntry


def signature(seq: int, digest: str) -> str:
    message = f"{seq}:{digest}".encode()
    return hmac.new(settings.AUDIT_KEY.encode(), message, hashlib.sha256).hexdigest()


def write(seq: int, digest: str) -> None:
    path = settings.AUDIT_CHECKPOINTS
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps({"seq": seq, "hash": digest, "sig": signature(seq, digest)})
    with open(path, "a", encoding="utf-8") as log:
        log.write(line + "\n")


def read() -> list[dict]:
    path = settings.AUDIT_CHECKPOINTS
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as log:
        return [json.loads(line) for line in log if line.strip()]


def problem(last_seq: int, chunk_size: int = 2000) -> str:
    """What the checkpoints say is wrong with a chain ending at `last_seq`, or ""."""
    points = read()
    for start in range(0, len(points), chunk_size):
        chunk = points[start : start + chunk_size]
        stored = dict(
            AuditEntry.objects.filter(seq__in=[p["seq"] for p in chunk]).values_list("seq", "hash")
        )
        for number, point in enumerate(chunk, start=start + 1):
            seq, digest = point["seq"], point["hash"]
            if not hmac.compare_digest(signature(seq, digest), point["sig"]):
                return f"checkpoint {number} has a bad signature (forged or edited)"
            if seq > last_seq:
                return f"entries {last_seq + 1} to {seq} are missing (checkpointed, then deleted)"
            if stored.get(seq) != digest:
                return f"entry {seq} does not match its signed checkpoint (rewritten)"
    return ""
