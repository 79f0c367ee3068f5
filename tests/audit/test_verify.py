"""`egide audit verify` proves the log intact, or names the first place it was tampered with."""

from io import StringIO

import pytest
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError

from egide.accounts.actor import Actor
from egide.audit.chain import entry_digest
from egide.audit.choices import Action
from egide.audit.models import AuditEntry
from egide.audit.services import record

from .tampering import tamper

pytestmark = pytest.mark.django_db


@pytest.fixture
def four_entries():
    for object_id in ("1", "2", "3", "4"):
        record(
            Actor.system(),
            Action.READ,
            object_type="cases.case",
            object_id=object_id,
            fields=["phone"],
        )


def verify() -> str:
    """Runs the command; returns its output, or raises CommandError with its message."""
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    return out.getvalue()


def test_an_intact_log_is_verified(four_entries):
    assert verify().strip() == "OK, 4 entries verified"


def test_an_empty_log_is_verified():
    assert verify().strip() == "OK, 0 entries verified"


def test_entries_are_numbered_and_chained(four_entries):
    entries = list(AuditEntry.objects.order_by("seq"))
    assert [entry.seq for entry in entries] == [1, 2, 3, 4]
    assert all(b.prev_hash == a.hash for a, b in zip(entries, entries[1:], strict=False))


def test_an_edited_entry_is_named(four_entries):
    tamper("UPDATE audit_auditentry SET reason = 'nothing to see' WHERE seq = 2")
    with pytest.raises(CommandError, match=r"entry 2 was edited \(hash mismatch\)"):
        verify()


def test_an_edited_field_list_is_caught(four_entries):
    tamper("""UPDATE audit_auditentry SET fields = '[]' WHERE seq = 3""")
    with pytest.raises(CommandError, match="entry 3 was edited"):
        verify()


def test_a_deleted_entry_is_named(four_entries):
    tamper("DELETE FROM audit_auditentry WHERE seq = 2")
    with pytest.raises(CommandError, match=r"entry 2 is missing \(deleted\) after entry 1"):
        verify()


def test_deleted_last_entries_are_caught_by_the_head(four_entries):
    tamper("DELETE FROM audit_auditentry WHERE seq >= 3")
    with pytest.raises(CommandError, match="entries 3 to 4 are missing .* at the end of the log"):
        verify()


def test_a_reordered_entry_is_named(four_entries):
    tamper(
        "UPDATE audit_auditentry SET seq = 1000 WHERE seq = 2",
        "UPDATE audit_auditentry SET seq = 2 WHERE seq = 3",
        "UPDATE audit_auditentry SET seq = 3 WHERE seq = 1000",
    )
    with pytest.raises(CommandError, match=r"entry 2 does not follow entry 1 \(prev_hash mismatch"):
        verify()


def test_a_resealed_entry_still_breaks_the_chain(four_entries):
    """Recomputing an edited entry's own hash does not help: the next entry still points back."""
    entry = AuditEntry.objects.get(seq=2)
    entry.reason = "nothing to see"
    tamper(
        "UPDATE audit_auditentry SET reason = 'nothing to see', "  # noqa: S608 (the attack)
        f"hash = '{entry_digest(entry)}' WHERE seq = 2"
    )
    with pytest.raises(CommandError, match="entry 3 does not follow entry 2"):
        verify()


def test_the_command_exits_non_zero_with_a_clear_message(four_entries, capsys):
    tamper("DELETE FROM audit_auditentry WHERE seq = 3")
    with pytest.raises(SystemExit) as exit_info:
        call_command_from_cli("audit", "verify")
    assert exit_info.value.code != 0
    assert (
        "Audit log TAMPERED: entry 3 is missing (deleted) after entry 2" in capsys.readouterr().err
    )


def call_command_from_cli(*argv):
    ManagementUtility(["egide", *argv]).execute()
