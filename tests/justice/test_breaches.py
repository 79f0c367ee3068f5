"""Breach reports: in the competent procureur's inbox at once, acknowledged or escalated."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from egide.accounts.roles import Role
from egide.assessment.choices import Trigger
from egide.justice import board, perms, services
from egide.justice.choices import BreachKind, BreachSource
from tests.cases.factories import CaseFactory
from tests.factories import MembershipFactory

from .helpers import acting, court_of

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")
NOON = datetime(2026, 3, 7, 12, 0, tzinfo=PARIS)  # a Saturday


def breach(case, **kwargs):
    values = {
        "kind": BreachKind.CONTACT_BAN,
        "occurred_at": timezone.now() - timedelta(hours=1),
        "description": "Il a attendu devant son travail.",
        "source": BreachSource.VICTIM,
    }
    return services.report_breach(case, **{**values, **kwargs})


@time_machine.travel(NOON, tick=False)
def test_a_breach_lands_in_the_procureur_inbox_with_a_one_hour_delay():
    case = CaseFactory()
    court = court_of(case)
    report = breach(case, evidence="SMS du 7 mars")
    assert report.court == case.court
    assert report.acknowledgement_due_at == NOON + timedelta(hours=1)
    assert list(perms.visible_breaches(court.prosecutor.membership)) == [report]


def test_the_procureur_of_another_court_does_not_see_it():
    report = breach(CaseFactory())
    elsewhere = MembershipFactory(role=Role.PROSECUTOR)
    assert report not in perms.visible_breaches(elsewhere)


def test_every_breach_forces_a_reassessment():
    case = CaseFactory()
    breach(case)
    assert case.reassessment_tasks.filter(trigger=Trigger.ORDER_BREACH).exists()


def test_the_delay_is_configurable(settings):
    settings.BREACH_ACKNOWLEDGEMENT_MINUTES = 15
    with time_machine.travel(NOON, tick=False):
        report = breach(CaseFactory())
    assert report.acknowledgement_due_at == NOON + timedelta(minutes=15)


def test_unacknowledged_in_time_it_escalates_and_shows_red_on_the_board():
    case = CaseFactory()
    court = court_of(case)
    with time_machine.travel(NOON, tick=False):
        report = breach(case)
    assert services.escalate_overdue_breaches(NOON + timedelta(minutes=59)) == 0
    with time_machine.travel(NOON + timedelta(hours=1, minutes=1), tick=False):
        assert services.escalate_overdue_breaches() == 1
        assert services.escalate_overdue_breaches() == 0  # flagged once
        items = board.board_items(court.prosecutor.membership)
        assert items[0].kind == "breach" and items[0].is_overdue(timezone.now())
    report.refresh_from_db()
    assert report.is_escalated


def test_acknowledging_removes_it_from_the_board():
    case = CaseFactory()
    court = court_of(case)
    report = breach(case)
    services.acknowledge_breach(court.prosecutor, report, outcome="investigation")
    assert report.acknowledged_at is not None
    assert not [i for i in board.board_items(court.prosecutor.membership) if i.kind == "breach"]


def test_only_the_procureur_of_the_court_acknowledges():
    case = CaseFactory()
    court = court_of(case)
    report = breach(case)
    for member in (court.judge, acting(MembershipFactory(role=Role.PROSECUTOR))):
        with pytest.raises(PermissionDenied):
            services.acknowledge_breach(member, report, outcome="investigation")


def test_the_monitoring_pipeline_reports_with_a_pairing():
    from tests.devices.helpers import active_pairing

    pairing = active_pairing()
    report = services.report_breach(
        pairing,
        BreachKind.ALERT_DISTANCE,
        timezone.now(),
        "Distance d'alerte franchie",
        source=BreachSource.MONITORING,
    )
    assert report.case == pairing.order.case and report.device_reference == f"pairing:{pairing.pk}"
