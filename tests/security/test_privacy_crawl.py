"""The privacy crawl: every demo account follows every page and API route reachable from its
home, and no response may carry a sensitive value docs/architecture.md's table keeps from its role.

The demo département is built once for the module, inside a transaction rolled back at the end,
so the other tests never see it.
"""

import pytest
from django.db import transaction

from egide.demo.people import ACCOUNTS
from egide.demo.seed import seed
from tests.conftest import sign_in

from .privacy_crawl import (
    crawl,
    demo_secrets,
    distinguish_code_words,
    forbidden_to,
    hidden_address_cases,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        context = seed()
        distinguish_code_words()
        yield context, demo_secrets()
        transaction.set_rollback(True)


@pytest.mark.parametrize("account", ACCOUNTS, ids=lambda a: f"{a.username}-{a.role}")
def test_no_role_reads_what_it_may_not_see(demo, client, account):
    context, secrets = demo
    membership = context.member(account.role, account.agency_key)
    forbidden = forbidden_to(membership, secrets)
    sign_in(client, membership)
    leaks, statuses = [], []
    for url, status, text in crawl(client, starts=["/", *hidden_address_cases()]):
        statuses.append(status)
        leaks += [(url, s.kind, s.case.reference) for s in forbidden if s.found_in(text)]
    assert len(statuses) > 5, "the crawl reached too little to prove anything"
    assert not [s for s in statuses if s >= 500], "a page answered 5xx"
    assert not leaks, leaks
