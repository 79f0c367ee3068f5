"""The audit log only grows: the application and the database both refuse to change it."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from egide.accounts.actor import Actor
from egide.audit.chain import verify_chain
from egide.audit.choices import Action
from egide.audit.models import AppendOnlyError, AuditEntry, AuditHead
from egide.audit.services import record


@pytest.fixture
def entry(db):
    record(Actor.system(), Action.READ, object_type="cases.case", object_id="1")
    return record(
        Actor.system(), Action.UPDATE, object_type="cases.case", object_id="1", fields=["notes"]
    )


def refused_by_database(sql):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)


def test_the_application_cannot_change_an_entry(entry):
    entry.reason = "rewritten"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="rewritten")


def test_the_application_cannot_delete_an_entry(entry):
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()


def test_the_database_refuses_update_and_delete(entry):
    refused_by_database("UPDATE audit_auditentry SET reason = 'rewritten'")
    refused_by_database("DELETE FROM audit_auditentry WHERE seq = 2")
    refused_by_database("DELETE FROM audit_audithead")
    assert AuditEntry.objects.count() == 2
    assert verify_chain().ok


def test_the_chain_head_only_moves_forward_onto_an_entry(entry):
    refused_by_database("UPDATE audit_audithead SET seq = 1")
    refused_by_database("UPDATE audit_audithead SET seq = 3, hash = 'forged'")
    assert AuditHead.objects.get().seq == 2


@pytest.mark.django_db(transaction=True)
def test_flush_resets_the_whole_log():
    record(Actor.system(), Action.LOGIN)
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEntry.objects.exists()
    assert not AuditHead.objects.exists()
    assert record(Actor.system(), Action.LOGIN).seq == 1
    assert verify_chain().verified == 1
