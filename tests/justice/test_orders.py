"""The OP and OPPI lifecycle as the court lives it, with time frozen where deadlines matter."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from egide.assessment.choices import Trigger
from egide.cases import closing
from egide.errors import RuleError
from egide.justice import services
from egide.justice.choices import (
    ChildMeasureBasis,
    Decision,
    MeasureKind,
    OrderStatus,
    ProceedingKind,
    RequestedBy,
)
from egide.justice.demo import hearing_held
from egide.justice.services import MeasureData

from .helpers import (
    BY_BAILIFF,
    CONTACT_BAN,
    HIDDEN_ADDRESS,
    PLACE_BAN,
    order_heard,
    order_in_force,
    requested_order,
)

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def test_the_procureur_needs_her_consent_to_request_an_op():
    case, court, _order = requested_order()
    with pytest.raises(RuleError):
        services.request_order(
            court.prosecutor, case, requested_by=RequestedBy.PROSECUTOR, victim_consent=False
        )
    assert case.protection_orders.count() == 1


def test_the_greffe_registers_the_victims_own_request():
    case, court, _order = requested_order()
    order = services.request_order(
        court.clerk, case, requested_by=RequestedBy.VICTIM, victim_consent=False
    )
    assert order.status == OrderStatus.REQUESTED and order.court == case.court


@time_machine.travel(datetime(2026, 3, 6, 16, 0, tzinfo=PARIS), tick=False)
def test_setting_the_hearing_starts_the_six_days():
    case, court, order = requested_order()
    services.set_hearing(court.clerk, order, hearing_at=timezone.now() + timedelta(days=3))
    order.refresh_from_db()
    assert order.status == OrderStatus.HEARING_SET
    assert order.decision_due_at == datetime(2026, 3, 12, 23, 59, 59, 999999, tzinfo=PARIS)
    assert order.hearings.get().kind == "protection_order"


@time_machine.travel(datetime(2026, 3, 6, 16, 0, tzinfo=PARIS), tick=False)
def test_a_hearing_after_the_legal_deadline_is_refused_and_changes_nothing():
    case, court, order = requested_order()
    with pytest.raises(RuleError):
        services.set_hearing(court.clerk, order, hearing_at=timezone.now() + timedelta(days=7))
    order.refresh_from_db()
    assert order.status == OrderStatus.REQUESTED and order.decision_due_at is None


def test_rescheduling_keeps_the_legal_deadline():
    case, court, order = order_heard()
    due = order.decision_due_at
    services.set_hearing(court.judge, order, hearing_at=timezone.now() + timedelta(days=1))
    order.refresh_from_db()
    assert order.decision_due_at == due and order.hearings.count() == 1


class TestImmediateOrder:
    @time_machine.travel(datetime(2026, 3, 6, 23, 30, tzinfo=PARIS), tick=False)
    def test_due_within_twenty_four_hours(self):
        case, court, order = requested_order()
        oppi = services.request_immediate_order(court.prosecutor, order, victim_consent=True)
        assert oppi.decision_due_at == datetime(2026, 3, 7, 23, 30, tzinfo=PARIS)

    def test_needs_a_pending_op_request(self):
        case, court, order = order_in_force()
        with pytest.raises(RuleError):
            services.request_immediate_order(court.prosecutor, order, victim_consent=True)

    def test_needs_her_consent(self):
        case, court, order = requested_order()
        with pytest.raises(RuleError):
            services.request_immediate_order(court.prosecutor, order, victim_consent=False)
        assert not order.immediate_orders.exists()

    def test_only_the_procureur_requests_it(self):
        case, court, order = requested_order()
        for member in (court.clerk, court.judge):
            with pytest.raises(PermissionDenied):
                services.request_immediate_order(member, order, victim_consent=True)

    def test_carries_only_the_measures_of_515_13_1(self):
        case, court, order = requested_order()
        oppi = services.request_immediate_order(court.prosecutor, order, victim_consent=True)
        with pytest.raises(RuleError):
            services.decide_immediate_order(
                court.judge,
                oppi,
                decision=Decision.GRANTED,
                measures=[MeasureData(MeasureKind.LEGAL_AID)],
            )
        oppi.refresh_from_db()
        assert oppi.status == OrderStatus.REQUESTED and not oppi.measures.exists()

    def test_ends_when_the_op_is_decided(self):
        case, court, order = requested_order()
        oppi = services.request_immediate_order(court.prosecutor, order, victim_consent=True)
        services.decide_immediate_order(
            court.judge, oppi, decision=Decision.GRANTED, measures=[CONTACT_BAN]
        )
        services.notify_order(court.clerk, oppi, **BY_BAILIFF)
        services.set_hearing(court.clerk, order, hearing_at=timezone.now() + timedelta(hours=2))
        hearing_held(order)
        services.decide_order(court.judge, order, decision=Decision.GRANTED, measures=[CONTACT_BAN])
        oppi.refresh_from_db()
        assert oppi.status == OrderStatus.EXPIRED and oppi.ended_at is not None


class TestDecision:
    def test_only_the_jaf_decides(self):
        case, court, order = order_heard()
        with pytest.raises(PermissionDenied):
            services.decide_order(
                court.prosecutor, order, decision=Decision.GRANTED, measures=[CONTACT_BAN]
            )

    def test_a_contact_ban_names_the_persons_and_a_place_ban_is_located(self):
        case, court, order = order_heard()
        bad = [
            MeasureData(MeasureKind.CONTACT_BAN),
            MeasureData(MeasureKind.PLACE_BAN, place_label="Travail"),
        ]
        with pytest.raises(RuleError) as refused:
            services.decide_order(court.judge, order, decision=Decision.GRANTED, measures=bad)
        assert len(refused.value.messages) == 2
        order.refresh_from_db()
        assert order.status == OrderStatus.HEARING_SET and not order.measures.exists()

    def test_a_hidden_address_switches_the_case_masking_on(self):
        case, court, order = order_heard()
        assert not case.address_hidden
        services.decide_order(
            court.judge, order, decision=Decision.GRANTED, measures=[CONTACT_BAN, HIDDEN_ADDRESS]
        )
        case.refresh_from_db()
        assert case.address_hidden and case.address_hidden_basis == "op_6"
        assert case.election_of_domicile == "Chez Maître Dupuis, Évreux"

    def test_a_decision_makes_a_reassessment_due(self):
        case, court, order = order_heard()
        services.decide_order(court.judge, order, decision=Decision.REJECTED)
        assert case.reassessment_tasks.filter(trigger=Trigger.COURT_DECISION).exists()

    def test_suspended_visiting_rights_show_on_the_case(self):
        case, court, order = order_heard()
        children = MeasureData(
            MeasureKind.PARENTAL_AUTHORITY,
            parental_authority="exercise_to_victim",
            visiting_rights="suspended",
        )
        services.decide_order(court.judge, order, decision=Decision.GRANTED, measures=[children])
        child_measure = case.child_measures.get()
        assert child_measure.basis == ChildMeasureBasis.ORDER
        assert child_measure.measure.order == order


class TestDuration:
    @time_machine.travel(datetime(2026, 1, 31, 15, 0, tzinfo=PARIS), tick=False)
    def test_twelve_months_from_notification(self):
        case, court, order = order_in_force()
        assert order.ends_at == datetime(2027, 1, 31, 23, 59, 59, 999999, tzinfo=PARIS)

    def test_a_divorce_filed_meanwhile_extends_it(self):
        case, court, order = order_in_force()
        services.record_family_proceeding(
            court.clerk, case, kind=ProceedingKind.DIVORCE, filed_on=timezone.localdate()
        )
        order.refresh_from_db()
        assert order.ends_at is None
        assert services.expire_orders(timezone.now() + timedelta(days=800)) == 0

    def test_an_order_past_its_end_expires(self):
        case, court, order = order_in_force()
        assert services.expire_orders(order.ends_at + timedelta(seconds=1)) == 1
        order.refresh_from_db()
        assert order.status == OrderStatus.EXPIRED

    def test_lifting_needs_a_reason_and_ends_it(self):
        case, court, order = order_in_force()
        with pytest.raises(RuleError):
            services.lift_order(court.judge, order, reason=" ")
        services.lift_order(court.judge, order, reason="Réconciliation constatée")
        assert order.status == OrderStatus.LIFTED

    def test_modification_replaces_the_measures(self):
        case, court, order = order_in_force()
        services.modify_order(court.judge, order, measures=[CONTACT_BAN, HIDDEN_ADDRESS])
        kinds = set(order.measures.values_list("kind", flat=True))
        assert kinds == {MeasureKind.CONTACT_BAN, MeasureKind.HIDDEN_ADDRESS}


def test_an_order_in_progress_prevents_closing_the_case():
    case, court, order = requested_order()
    assert closing.closing_blockers(case)


def test_automatic_suspension_when_a_parent_is_prosecuted_for_a_crime():
    case, court, _order = requested_order()
    measure = services.record_automatic_suspension(
        court.prosecutor, case, prosecuted_on=date(2026, 1, 15)
    )
    assert measure.parental_authority == "suspended" and measure.visiting_rights == "suspended"
    assert timezone.localdate(measure.ends_at) == date(2026, 7, 15)


def test_place_ban_measure_keeps_its_location():
    case, court, order = order_in_force(measures=[CONTACT_BAN, PLACE_BAN])
    place = order.measures.get(kind=MeasureKind.PLACE_BAN)
    assert float(place.latitude) == pytest.approx(49.0241)
