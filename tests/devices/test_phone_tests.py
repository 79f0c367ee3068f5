"""Testing alarm phones: a failure is recorded with its cause and what
follows; the operator sees the victim's safe contact on the test, the task that needs it, and the
read is audited."""

import pytest
from django.urls import reverse

from egide.accounts.roles import Role
from egide.audit.models import AuditEntry
from egide.devices import services
from egide.devices.models import DeviceTest

from .helpers import granted

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(sign_in_as):
    return sign_in_as(role=Role.MONITORING_OPERATOR)


def test_the_test_page_shows_her_safe_contact_and_audits_it(operator):
    case, court, assignment = granted()
    html = operator.get(reverse("devices:test", args=[assignment.phone.pk])).content.decode()
    assert "06 11 22 33 44" in html and "Tilleul" in html and case.reference in html
    entry = AuditEntry.objects.filter(object_type="cases.case").latest("seq")
    assert "safe_contact.code_word" in entry.fields


def test_a_failed_test_needs_its_cause_and_what_follows(operator):
    case, court, assignment = granted()
    url = reverse("devices:test", args=[assignment.phone.pk])
    response = operator.post(url, {"result": "failed"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Indiquez la cause de l&#x27;échec." in html and "Indiquez la suite donnée." in html
    assert not DeviceTest.objects.exists()
    response = operator.post(
        url, {"result": "failed", "failure": "no_position", "follow_up": "replacement"}
    )
    assert response.status_code == 302
    test = DeviceTest.objects.get()
    assert (test.passed, test.failure, test.follow_up) == (False, "no_position", "replacement")
    assert assignment.phone in services.tests_due()  # a failed test is not the periodic test
    html = operator.get(url).content.decode()
    assert "Pas de position transmise" in html and "Remplacement du téléphone demandé" in html


def test_a_passed_test_resets_the_fifteen_days(operator):
    case, court, assignment = granted()
    operator.post(reverse("devices:test", args=[assignment.phone.pk]), {"result": "passed"})
    assert DeviceTest.objects.get().passed
    assert assignment.phone not in services.tests_due()
