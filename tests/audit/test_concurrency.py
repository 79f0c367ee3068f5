"""Writers racing to append still produce one gapless chain (PostgreSQL: real concurrency)."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from egide.accounts.actor import Actor
from egide.audit.chain import verify_chain
from egide.audit.choices import Action
from egide.audit.models import AuditEntry
from egide.audit.services import record

WRITERS, ENTRIES_EACH = 8, 10


def append_some(writer: int):
    try:
        for index in range(ENTRIES_EACH):
            record(
                Actor.system(), Action.READ, object_type="cases.case", object_id=f"{writer}-{index}"
            )
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_make_one_chain():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serializes writers itself (BEGIN IMMEDIATE); the race needs PostgreSQL")
    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        list(pool.map(append_some, range(WRITERS)))
    assert AuditEntry.objects.count() == WRITERS * ENTRIES_EACH
    report = verify_chain()
    assert report.ok, report.problem
    assert report.verified == WRITERS * ENTRIES_EACH
