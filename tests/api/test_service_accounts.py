"""Service accounts: scoped, expiring, revocable tokens, stored hashed,
issued and revoked by the platform administrator, with the same permissions and audit as a
person holding the account's role in its agency."""

import hashlib

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from egide.accounts.roles import AgencyKind, Role
from egide.api.models import ServiceAccount
from egide.audit.choices import Action
from egide.audit.models import AuditEntry
from tests.cases.factories import CaseFactory
from tests.cases.test_api import COMPLAINT
from tests.factories import AgencyFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def issue(client, agency, role=Role.POLICE_OFFICER, valid_days=30):
    payload = {
        "name": "Logiciel LRP",
        "agency_id": agency.pk,
        "role": role,
        "valid_days": valid_days,
    }
    return client.post("/api/v1/service-accounts/", payload, content_type="application/json")


def bearer(token, url):
    """A machine client: no session, only its token."""
    return Client().get(url, headers={"Authorization": f"Bearer {token}"})


@pytest.fixture
def administrator(sign_in_as):
    return sign_in_as(role=Role.PLATFORM_ADMIN)


@pytest.fixture
def unit():
    return AgencyFactory(kind=AgencyKind.COMMISSARIAT)


def test_the_administrator_issues_a_token_shown_once_and_stored_hashed(administrator, unit):
    response = issue(administrator, unit)
    assert response.status_code == 201, response.content
    token = response.json()["token"]
    account = ServiceAccount.objects.get()
    assert account.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(ServiceAccount.objects.values().get())
    listed = administrator.get("/api/v1/service-accounts/").json()
    assert listed[0]["role"] == Role.POLICE_OFFICER and "token" not in listed[0]
    issued = AuditEntry.objects.get(action=Action.ADMIN, reason="service_account.issue")
    assert issued.role == Role.PLATFORM_ADMIN and issued.object_id == str(account.pk)


def test_the_token_acts_with_its_agency_and_roles_permissions_and_is_audited(administrator, unit):
    own, elsewhere = CaseFactory(opening_agency=unit), CaseFactory()
    token = issue(administrator, unit).json()["token"]
    listed = bearer(token, "/api/v1/cases/").json()
    assert [item["id"] for item in listed["items"]] == [own.pk]
    assert bearer(token, f"/api/v1/cases/{own.pk}").status_code == 200
    assert bearer(token, f"/api/v1/cases/{elsewhere.pk}").status_code == 404
    read = AuditEntry.objects.filter(action=Action.READ, object_id=str(own.pk)).last()
    account = ServiceAccount.objects.get()
    assert read.actor == account.membership.user
    assert (read.role, read.agency) == (Role.POLICE_OFFICER, unit)


def test_a_revoked_an_expired_or_an_unknown_token_is_refused(administrator, unit):
    token = issue(administrator, unit, valid_days=30).json()["token"]
    account = ServiceAccount.objects.get()
    assert bearer(token, "/api/v1/cases/").status_code == 200
    assert bearer(token + "x", "/api/v1/cases/").status_code == 401
    with time_machine.travel(timezone.now() + timezone.timedelta(days=31)):
        assert bearer(token, "/api/v1/cases/").status_code == 401
    revoked = administrator.post(f"/api/v1/service-accounts/{account.pk}/revocation")
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
    response = bearer(token, "/api/v1/cases/")
    assert response.status_code == 401 and response.json()["detail"]


def test_only_the_administrator_issues_and_no_oversight_role_goes_to_a_machine(
    administrator, unit, sign_in_as
):
    assert issue(administrator, AgencyFactory(kind=AgencyKind.PLATFORM_OPERATOR),
                 role=Role.PLATFORM_ADMIN).status_code == 422  # fmt: skip
    assert issue(administrator, unit, valid_days=366).status_code == 422
    assert issue(administrator, unit, role=Role.JUDGE).status_code == 422  # not in a police unit
    officer = sign_in_as(MembershipFactory(role=Role.POLICE_OFFICER, agency=unit))
    assert issue(officer, unit).status_code == 403
    assert officer.get("/api/v1/service-accounts/").status_code == 403
    assert not ServiceAccount.objects.exists()


def test_a_service_token_opens_no_web_page(administrator, unit):
    token = issue(administrator, unit).json()["token"]
    response = Client().get("/dossiers/", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 302


def test_a_service_account_writes_with_its_token_alone(administrator):
    token = issue(administrator, AgencyFactory(kind=AgencyKind.COMMISSARIAT)).json()["token"]
    machine = Client(enforce_csrf_checks=True)
    response = machine.post(
        "/api/v1/cases/",
        COMPLAINT,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 201, response.content
    created = AuditEntry.objects.filter(action=Action.CREATE).first()
    assert created.actor == ServiceAccount.objects.get().membership.user
