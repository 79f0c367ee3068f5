"""TGD: granted by the procureur when CPP 41-3-1 allows it, renewed, withdrawn, tested."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from egide.accounts.roles import Role
from egide.cases import closing
from egide.devices import services
from egide.devices.choices import DeviceKind, DeviceStatus
from egide.devices.secrets import intake_secret_hash
from egide.errors import RuleError
from tests.cases.factories import CaseFactory
from tests.conftest import sign_in
from tests.factories import MembershipFactory
from tests.justice.helpers import acting, court_of

from .helpers import grant, granted, stock

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


@time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=PARIS), tick=False)
def test_granted_for_six_months_and_the_phone_leaves_the_stock():
    case, court, assignment = granted()
    assert assignment.ends_at == datetime(2026, 9, 2, 23, 59, 59, 999999, tzinfo=PARIS)
    assert assignment.phone.status == DeviceStatus.ASSIGNED
    assert closing.closing_blockers(case)


def test_granted_on_a_proven_imminent_danger_without_a_ban():
    _case, _court, assignment = granted(contact_ban_basis="", imminent_danger="Auteur en fuite")
    assert assignment.pk


@pytest.mark.parametrize(
    "refused",
    [
        {"no_cohabitation": False},
        {"contact_ban_basis": "", "imminent_danger": " "},
        {"express_consent": False},
        {"geolocation_consent": False},
    ],
)
def test_refused_when_a_condition_fails_and_nothing_changes(refused):
    case = CaseFactory()
    court = court_of(case)
    phone = stock()
    with pytest.raises(RuleError):
        services.grant_alarm_phone(court.prosecutor, case, phone, grant(**refused))
    phone.refresh_from_db()
    assert phone.status == DeviceStatus.STOCK and not case.alarm_phones.exists()


def test_only_the_procureur_of_the_court_grants():
    case = CaseFactory()
    court = court_of(case)
    others = [court.judge, acting(MembershipFactory(role=Role.PROSECUTOR))]
    for member in others:
        with pytest.raises(PermissionDenied):
            services.grant_alarm_phone(member, case, stock(), grant())


def test_a_phone_out_of_stock_cannot_be_granted():
    case, court, assignment = granted()
    with pytest.raises(RuleError):
        services.grant_alarm_phone(
            court.prosecutor, CaseFactory(court=case.court), assignment.phone, grant()
        )


def test_renewal_reminder_one_month_before_the_end_then_renewed():
    case, court, assignment = granted()
    assert assignment not in services.renewals_due()
    with time_machine.travel(assignment.ends_at - timedelta(days=29), tick=False):
        assert assignment in services.renewals_due()
        end = assignment.ends_at
        services.renew_alarm_phone(court.prosecutor, assignment)
        assert assignment.ends_at > end + timedelta(days=180) and assignment.renewals == 1
        assert assignment not in services.renewals_due()


def test_withdrawal_needs_a_reason_and_returns_the_phone():
    case, court, assignment = granted()
    with pytest.raises(RuleError):
        services.withdraw_alarm_phone(court.prosecutor, assignment, reason="")
    services.withdraw_alarm_phone(court.prosecutor, assignment, reason="Déménagement")
    assignment.phone.refresh_from_db()
    assert assignment.phone.status == DeviceStatus.RETURNED
    assert not any("téléphone" in reason for reason in closing.closing_blockers(case))


def test_the_procureur_has_the_positions_kept_eight_days_once_and_the_page_says_so(client):
    case, court, assignment = granted()
    sign_in(client, court.prosecutor.membership)
    page = reverse("devices:assignment", kwargs={"assignment_pk": assignment.pk})
    assert "Trois jours à compter de leur enregistrement" in client.get(page).content.decode()
    keep = reverse("devices:assignment_keep_positions", kwargs={"assignment_pk": assignment.pk})
    shown = client.post(keep, follow=True).content.decode()
    assignment.refresh_from_db()
    assert assignment.positions_kept_longer_at is not None
    assert "Huit jours, sur autorisation du" in shown and "Conserver les positions" not in shown
    assert case.timeline.filter(summary__contains="huit jours").count() == 1
    again = client.post(keep, follow=True).content.decode()
    assert "déjà portée à huit jours" in again
    assert case.timeline.filter(summary__contains="huit jours").count() == 1


def test_phones_with_victims_are_tested_every_fifteen_days():
    operator = acting(MembershipFactory(role=Role.MONITORING_OPERATOR))
    _case, _court, assignment = granted()
    phone = assignment.phone
    assert phone in services.tests_due()
    services.record_test(operator, phone, passed=True)
    assert phone not in services.tests_due()
    assert phone in services.tests_due(timezone.now() + timedelta(days=15))


class TestInventory:
    def supervisor(self):
        return acting(MembershipFactory(role=Role.MONITORING_SUPERVISOR))

    def test_each_device_gets_its_own_secret_stored_hashed(self):
        supervisor = self.supervisor()
        device, secret = services.add_device(
            supervisor, kind=DeviceKind.ALARM_PHONE, device_id="TGD-9001", serial_number="X1"
        )
        other, other_secret = services.add_device(
            supervisor, kind=DeviceKind.ALARM_PHONE, device_id="TGD-9002", serial_number="X2"
        )
        assert secret != other_secret and secret not in device.intake_secret_hash
        assert device.intake_secret_hash == intake_secret_hash(secret)

    def test_a_duplicate_device_id_is_refused(self):
        existing = stock()
        with pytest.raises(RuleError):
            services.add_device(
                self.supervisor(),
                kind="alarm_phone",
                device_id=existing.device_id,
                serial_number="A",
            )

    def test_only_the_supervisor_manages_the_inventory(self):
        operator = acting(MembershipFactory(role=Role.MONITORING_OPERATOR))
        with pytest.raises(PermissionDenied):
            services.change_status(operator, stock(), DeviceStatus.IN_REPAIR)

    def test_status_moves_follow_the_inventory_rules(self):
        supervisor = self.supervisor()
        phone = stock()
        services.change_status(supervisor, phone, DeviceStatus.IN_REPAIR)
        with pytest.raises(RuleError):
            services.change_status(supervisor, phone, DeviceStatus.ASSIGNED)
        assert phone.status == DeviceStatus.IN_REPAIR

    def test_an_assigned_phone_cannot_be_returned_while_still_granted(self):
        _case, _court, assignment = granted()
        with pytest.raises(RuleError):
            services.change_status(self.supervisor(), assignment.phone, DeviceStatus.RETURNED)
