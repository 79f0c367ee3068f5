"""The chain is sealed with a key the database never holds, and anchored by signed checkpoints
outside it: rewriting history with database rights alone is caught by `egide audit verify`."""

import hashlib
import json

import pytest
from django.core.management.base import CommandError
from django.db import connection

from egide.accounts.actor import Actor
from egide.audit.chain import canonical
from egide.audit.choices import Action
from egide.audit.models import AuditEntry
from egide.audit.services import record

from .tampering import tamper
from .test_verify import verify

pytestmark = pytest.mark.django_db


@pytest.fixture
def five_entries(django_capture_on_commit_callbacks):
    for object_id in "12345":
        with django_capture_on_commit_callbacks(execute=True):
            record(Actor.system(), Action.READ, object_type="cases.case", object_id=object_id)


def execute(sql, *params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def reseal_with_sha256_from(seq: int) -> None:
    """What the review did: edit an entry, then recompute plain SHA-256 down the chain."""
    tamper()  # drops the triggers
    execute("UPDATE audit_auditentry SET reason = 'nothing to see' WHERE seq = %s", seq)
    prev_hash = AuditEntry.objects.get(seq=seq - 1).hash
    for entry in AuditEntry.objects.filter(seq__gte=seq).order_by("seq"):
        entry.prev_hash = prev_hash
        digest = hashlib.sha256(canonical(entry)).hexdigest()
        update = "UPDATE audit_auditentry SET prev_hash = %s, hash = %s WHERE seq = %s"
        execute(update, prev_hash, digest, entry.seq)
        prev_hash = digest
    execute("UPDATE audit_audithead SET hash = %s", prev_hash)


def test_an_intact_keyed_chain_with_checkpoints_is_verified(five_entries, settings):
    lines = settings.AUDIT_CHECKPOINTS.read_text().splitlines()
    assert [json.loads(line)["seq"] for line in lines] == [1, 2, 3, 4, 5]
    assert verify().strip() == "OK, 5 entries verified"


def test_a_chain_resealed_with_plain_sha256_is_named(five_entries):
    reseal_with_sha256_from(3)
    with pytest.raises(CommandError, match=r"entry 3 was edited"):
        verify()


def test_the_seal_is_not_plain_sha256(five_entries):
    entry = AuditEntry.objects.get(seq=1)
    assert entry.hash != hashlib.sha256(canonical(entry)).hexdigest()


def test_a_truncated_log_with_its_head_moved_back_is_caught(five_entries):
    head_hash = AuditEntry.objects.get(seq=3).hash
    tamper("DELETE FROM audit_auditentry WHERE seq > 3")
    execute("UPDATE audit_audithead SET seq = 3, hash = %s", head_hash)
    with pytest.raises(CommandError, match=r"entries 4 to \d+ are missing \(checkpointed"):
        verify()


def test_a_forged_checkpoint_is_caught(five_entries, settings):
    with open(settings.AUDIT_CHECKPOINTS, "a") as log:
        log.write(json.dumps({"seq": 5, "hash": "0" * 64, "sig": "0" * 64}) + "\n")
    with pytest.raises(CommandError, match=r"checkpoint 6 has a bad signature"):
        verify()


def test_entries_sealed_before_the_cut_over_stay_verifiable(settings):
    settings.AUDIT_LEGACY_UNTIL = 2  # entries 1-2 were written by a version without the key
    for object_id in "1234":
        record(Actor.system(), Action.READ, object_type="cases.case", object_id=object_id)
    first = AuditEntry.objects.get(seq=1)
    assert first.hash == hashlib.sha256(canonical(first)).hexdigest()
    assert verify().strip() == "OK, 4 entries verified"
    settings.AUDIT_LEGACY_UNTIL = 0  # plain SHA-256 is accepted only up to the cut-over
    with pytest.raises(CommandError, match=r"entry 1 was edited"):
        verify()
