"""The API against its own OpenAPI schema: schemathesis generates
requests for every operation, sent as three roles (a police officer, a procureur, a monitoring
operator, each through a service account's token), a bounded number of examples each. No answer
may be a 5xx, an undocumented status, or a body that breaks the documented schema."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import checks

from egide.accounts.roles import AgencyKind, Role
from egide.api import service_accounts
from tests.assessment.helpers import acting
from tests.cases.factories import CaseFactory
from tests.factories import AgencyFactory, MembershipFactory, TribunalFactory

EXAMPLES_PER_OPERATION = 5
ROLES = {
    Role.POLICE_OFFICER: AgencyKind.COMMISSARIAT,
    Role.PROSECUTOR: AgencyKind.TRIBUNAL,
    Role.MONITORING_OPERATOR: AgencyKind.MONITORING_CENTRE,
}

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def one_connection():
    """Requests go through the WSGI handler, which closes the database connection after each
    one; the test's transaction must outlive them (as Django's test client arranges)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(db, one_connection):
    court = TribunalFactory()
    agencies = {
        AgencyKind.TRIBUNAL: court,
        AgencyKind.COMMISSARIAT: AgencyFactory(court=court),
        AgencyKind.MONITORING_CENTRE: AgencyFactory(kind=AgencyKind.MONITORING_CENTRE),
    }
    for _ in range(3):  # objects with small ids, so some generated ids find one
        CaseFactory(opening_agency=agencies[AgencyKind.COMMISSARIAT])
    admin = acting(MembershipFactory(role=Role.PLATFORM_ADMIN))
    return {
        role: service_accounts.issue(
            admin, name=f"client {role}", agency=agencies[kind], role=role, valid_days=1
        )[1]
        for role, kind in ROLES.items()
    }


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
@pytest.mark.django_db
def test_the_api_keeps_its_schema_as_each_role(case, tokens):
    for token in tokens.values():
        case.call_and_validate(
            headers={"Authorization": f"Bearer {token}"},
            # The token is sent with every request, so "invalid credentials are refused" cannot
            # be judged here (tests/api/test_service_accounts.py does); and a schema-valid body
            # may still break a domain rule (a 404 id, a date before a rule is in force): 4xx.
            excluded_checks=[checks.ignored_auth, checks.positive_data_acceptance],
        )
