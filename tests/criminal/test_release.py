"""Before a release, a permission or the end of a sentence: the victim is told through her safe
contact (CPP D. 1-11-2, 712-16-2), a re-assessment becomes due, and the procureur checks the
bans and devices in force."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from egide.accounts.roles import Role
from egide.assessment.choices import Trigger
from egide.cases.models import SafeContact
from egide.criminal import services
from egide.criminal.models import Release
from egide.errors import RuleError
from egide.justice.board import board_items
from tests.devices.helpers import granted
from tests.factories import acting
from tests.justice.helpers import court_member

from .helpers import CONTACT_BAN, followed_case, prosecutor, supervised_case

pytestmark = pytest.mark.django_db
SOON = timezone.localdate() + timedelta(days=10)


def test_the_spip_records_a_release_and_the_victim_is_told_at_her_safe_email_only():
    case, _follow_up, member = followed_case()
    SafeContact.objects.filter(case=case).update(email="refuge.sur@example.test")
    release = services.record_release(acting(member), case, kind="end_of_sentence", on=SOON)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["refuge.sur@example.test"]
    assert f"{SOON:%d/%m/%Y}" in message.body and case.reference in message.body
    assert case.perpetrator.last_name not in message.body
    assert release.notice_channel == "email" and release.victim_notified_at is not None


def test_without_a_safe_email_the_parquet_is_to_call_her_and_no_mail_leaves():
    case = supervised_case()
    release = services.record_release(prosecutor(case), case, kind="release", on=SOON)
    assert mail.outbox == []
    assert release.notice_channel == "phone"


def test_a_release_makes_a_reassessment_due():
    case = supervised_case()
    services.record_release(prosecutor(case), case, kind="release", on=SOON)
    task = case.reassessment_tasks.open().get()
    assert task.trigger == Trigger.RELEASE_FROM_CUSTODY


def test_a_permission_needs_its_return_date_and_nothing_is_stored_otherwise():
    case = supervised_case()
    with pytest.raises(RuleError):
        services.record_release(prosecutor(case), case, kind="permission", on=SOON)
    assert not Release.objects.exists() and mail.outbox == []
    assert not case.reassessment_tasks.exists()


def test_neither_the_cpca_nor_a_spip_that_does_not_follow_records_a_release():
    case = supervised_case()
    _other, _follow_up, stranger = followed_case()
    for member in (stranger, court_member(case, Role.CLERK)):
        with pytest.raises(PermissionDenied):
            services.record_release(acting(member), case, kind="release", on=SOON)


def test_the_procureur_checks_the_devices_and_orders_in_force_before_the_release(sign_in_as):
    case, court, _assignment = granted()
    supervised_case(case, obligations=[CONTACT_BAN])
    release = services.record_release(
        court.prosecutor, case, kind="permission", on=SOON, returns_on=SOON + timedelta(days=2)
    )
    procureur = court_member(case, Role.PROSECUTOR)
    items = [item for item in board_items(procureur) if item.kind == "release_check"]
    assert [item.case_reference for item in items] == [case.reference]
    client = sign_in_as(procureur)
    page = client.get(reverse("criminal:release_check", args=[release.pk])).content.decode()
    assert "TGD" in page and "interdiction de contact" in page
    assert client.post(reverse("criminal:release_check", args=[release.pk])).status_code == 302
    assert Release.objects.get().checked_at is not None
    assert not [item for item in board_items(procureur) if item.kind == "release_check"]
    assert not [i for i in board_items(court_member(case, Role.CLERK)) if i.kind == "release_check"]


def test_the_spip_records_the_release_from_its_page(sign_in_as):
    case, follow_up, member = followed_case()
    client = sign_in_as(member)
    response = client.post(
        reverse("criminal:release_add", args=[case.pk]),
        {"kind": "end_of_sentence", "on": SOON.isoformat()},
    )
    assert response.status_code == 302
    page = client.get(follow_up.get_absolute_url()).content.decode()
    assert f"{SOON:%d/%m/%Y}" in page


def test_the_release_api_answers_json_and_a_refused_rule_changes_nothing(sign_in_as):
    case, _follow_up, member = followed_case()
    client = sign_in_as(member)
    url = f"/api/v1/criminal/cases/{case.pk}/releases"
    refused = client.post(url, {"kind": "permission", "on": SOON.isoformat()}, "application/json")
    assert refused.status_code == 422 and not Release.objects.exists()
    created = client.post(url, {"kind": "release", "on": SOON.isoformat()}, "application/json")
    assert created.status_code == 201 and created.json()["notice_channel"] == "phone"
    outsider = sign_in_as(role=Role.CPCA_WORKER)
    assert (
        outsider.post(
            url, {"kind": "release", "on": SOON.isoformat()}, "application/json"
        ).status_code
        == 404
    )


def test_when_she_asked_not_to_be_told_no_notice_leaves_until_she_withdraws_it(sign_in_as):
    case = supervised_case()
    SafeContact.objects.filter(case=case).update(email="refuge.sur@example.test")
    client = sign_in_as(court_member(case, Role.PROSECUTOR))
    url = reverse("criminal:notice_waiver", args=[case.pk])
    assert client.post(url, {"waived": "1"}).status_code == 302
    page = client.get(reverse("criminal:case", args=[case.pk])).content.decode()
    assert 'id="notice-waived"' in page
    release = services.record_release(prosecutor(case), case, kind="permission", on=SOON,
                                      returns_on=SOON + timedelta(days=1))  # fmt: skip
    assert release.notice_channel == "declined" and mail.outbox == []
    client.post(url, {"waived": "0"})
    services.record_release(prosecutor(case), case, kind="release", on=SOON)
    assert [message.to for message in mail.outbox] == [["refuge.sur@example.test"]]


def test_only_the_procureur_records_her_wish():
    case = supervised_case()
    with pytest.raises(PermissionDenied):
        services.set_notice_waiver(acting(court_member(case, Role.JUDGE)), case, waived=True)
