"""Device reminders on huey: TGD renewals a month before the end, 15-day phone tests; once each."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail

from egide.accounts.roles import Role
from egide.devices import services
from egide.devices.services import TgdGrant
from egide.devices.tasks import device_reminders
from tests.cases.factories import CaseFactory
from tests.factories import MembershipFactory
from tests.justice.helpers import acting, court_of

from .helpers import stock

pytestmark = pytest.mark.django_db


def granted_phone():
    case = CaseFactory()
    court = court_of(case)
    grant = TgdGrant(
        no_cohabitation=True,
        contact_ban_basis="protection_order",
        imminent_danger="",
        express_consent=True,
        geolocation_consent=True,
    )
    return case, court, services.grant_alarm_phone(court.prosecutor, case, stock(), grant)


def sent_to(email):
    return [message for message in mail.outbox if email in message.to]


def test_the_procureur_hears_of_a_renewal_once_a_month_before_the_end():
    case, court, assignment = granted_phone()
    prosecutor = court.prosecutor.user.email
    with time_machine.travel(assignment.ends_at - timedelta(days=31), tick=False) as clock:
        device_reminders.call_local()
        assert sent_to(prosecutor) == []
        clock.move_to(assignment.ends_at - timedelta(days=29))
        device_reminders.call_local()
        device_reminders.call_local()
    [reminder] = sent_to(prosecutor)
    assert case.reference in reminder.body
    assert court.judge.user.email not in reminder.to


def test_the_monitoring_centre_hears_of_a_due_phone_test_once_per_test():
    operator = acting(MembershipFactory(role=Role.MONITORING_OPERATOR))
    _case, _court, assignment = granted_phone()
    phone = assignment.phone
    services.record_test(operator, phone, passed=True)
    with time_machine.travel(phone.last_test_at + timedelta(days=14), tick=False) as clock:
        device_reminders.call_local()
        assert sent_to(operator.user.email) == []
        clock.move_to(phone.last_test_at + timedelta(days=15, minutes=1))
        device_reminders.call_local()
        device_reminders.call_local()
        [reminder] = sent_to(operator.user.email)
        assert phone.device_id in reminder.body
        services.record_test(operator, phone, passed=True)
        clock.shift(timedelta(days=15, minutes=1))
        device_reminders.call_local()
    assert len(sent_to(operator.user.email)) == 2
