"""The purge keeps each kind of record exactly as long as its rule says, on the day of each
boundary: the day before, kept; on the day, archived or deleted. Each batch deleted is one audit
entry naming the kind and the rule, and the audit chain still verifies."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from egide.audit.chain import verify_chain
from egide.audit.models import AuditEntry
from egide.cases.choices import CaseStatus
from egide.devices import services as device_services
from egide.devices.choices import DeviceKind
from egide.helpline.models import CpcaHandover, PerpetratorCall, VictimCall
from egide.monitoring.models import Event, Fix
from egide.retention import purge
from egide.retention.tasks import retention_purge
from tests.cases.factories import CaseFactory
from tests.devices.helpers import granted, stock

from .helpers import at, ended_placement, enrolled_from, event, fix, helpline_calls

pytestmark = pytest.mark.django_db


def due(code, when):
    with time_machine.travel(when, tick=False):
        return next(item for item in purge.report() if item.code == code)


def purge_at(when, **kwargs):
    with time_machine.travel(when, tick=False):
        return {item.code: item for item in purge.run(**kwargs)}


def test_bar_data_is_live_a_month_after_the_placement_then_archived_until_six_years():
    pairing = ended_placement(at("2026-01-10"), at("2026-03-15"))
    fixes = Fix.objects.filter(
        device_id__in=[pairing.perpetrator_device.device_id, pairing.victim_device.device_id]
    )
    assert (due("bar_positions", at("2026-04-14", 23)).archived, fixes.count()) == (0, 4)
    on_the_day = due("bar_positions", at("2026-04-15", 0))
    assert (on_the_day.archived, on_the_day.due) == (4, 0)
    day_before = purge_at(at("2032-03-14", 23))
    assert day_before["bar_positions"].deleted == 0 and fixes.count() == 4
    gone = purge_at(at("2032-03-15", 0))
    assert (gone["bar_positions"].deleted, gone["bar_events"].deleted) == (4, 1)
    assert not fixes.exists() and not Event.objects.exists()
    assert "R. 631-11" in gone["bar_positions"].source


def test_a_live_placement_and_a_fix_the_engine_has_not_processed_are_never_purged():
    pairing = ended_placement(at("2019-01-10"), at("2019-03-15"))
    waiting = fix(pairing.perpetrator_device.device_id, at("2019-02-01"), claimed=False)
    pairing.valid_until = None
    pairing.save(update_fields=["valid_until"])
    purge_at(at("2030-01-01"))
    assert Fix.objects.count() == 5
    pairing.valid_until = at("2019-03-15")
    pairing.save(update_fields=["valid_until"])
    purge_at(at("2030-01-01"))
    assert list(Fix.objects.all()) == [waiting]


def test_an_alarm_phone_position_is_kept_three_days_from_its_recording():
    phone = stock(DeviceKind.ALARM_PHONE)
    recorded = at("2026-06-01", 9)
    fix(phone.device_id, recorded)
    other = stock(DeviceKind.PERPETRATOR_BRACELET)
    fix(other.device_id, recorded)
    assert purge_at(recorded + timedelta(days=3, seconds=-1))["tgd_positions"].deleted == 0
    assert purge_at(recorded + timedelta(days=3))["tgd_positions"].deleted == 1
    assert list(Fix.objects.values_list("device_id", flat=True)) == [other.device_id]


def test_the_procureur_may_have_a_phones_positions_kept_eight_days():
    _case, court, assignment = granted()
    recorded = assignment.granted_at + timedelta(hours=1)
    fix(assignment.phone.device_id, recorded)
    other_phone = stock(DeviceKind.ALARM_PHONE)
    fix(other_phone.device_id, recorded)
    device_services.keep_positions_longer(court.prosecutor, assignment)
    three_days = purge_at(recorded + timedelta(days=3))["tgd_positions"]
    assert three_days.deleted == 1
    assert list(Fix.objects.values_list("device_id", flat=True)) == [assignment.phone.device_id]
    assert purge_at(recorded + timedelta(days=8, seconds=-1))["tgd_positions"].deleted == 0
    assert purge_at(recorded + timedelta(days=8))["tgd_positions"].deleted == 1
    assert not Fix.objects.exists()


def test_an_alarm_phone_events_go_three_days_after_the_grant_ends():
    _case, court, assignment = granted()
    event(assignment.phone.device_id, assignment.granted_at)
    device_services.withdraw_alarm_phone(court.prosecutor, assignment, reason="Restitué")
    assignment.refresh_from_db()
    withdrawn = assignment.withdrawn_at
    assert purge_at(withdrawn + timedelta(days=3, seconds=-1))["tgd_events"].deleted == 0
    assert purge_at(withdrawn + timedelta(days=3))["tgd_events"].deleted == 1


def test_helpline_calls_go_after_two_years_and_a_hand_over_after_three_months():
    call, handover = helpline_calls(at("2026-01-20"))
    assert purge_at(at("2026-04-19", 23))["cpca_handovers"].deleted == 0
    assert purge_at(at("2026-04-20", 0))["cpca_handovers"].deleted == 1
    handover.call.refresh_from_db()  # the call stays: its own rule is two years
    assert purge_at(at("2028-01-19", 23))["victim_calls"].deleted == 0
    result = purge_at(at("2028-01-20", 0))
    assert (result["victim_calls"].deleted, result["perpetrator_calls"].deleted) == (1, 1)
    assert not VictimCall.objects.filter(pk=call.pk).exists()


def test_a_hand_over_the_cpca_enrolled_goes_at_its_term_and_the_enrolment_stays():
    _, handover = helpline_calls(at("2026-01-20"))
    enrolment = enrolled_from(handover)
    assert purge_at(at("2026-04-20", 0))["cpca_handovers"].deleted == 1
    enrolment.refresh_from_db()
    assert enrolment.handover is None and enrolment.first_name == "Marc"


def test_a_row_still_referred_to_is_left_out_and_the_rest_of_its_batch_goes():
    for _ in range(5):
        helpline_calls(at("2026-01-20"))
    held = PerpetratorCall.objects.order_by("pk")[2]
    with time_machine.travel(at("2027-12-01"), tick=False):  # a hand-over recorded much later
        CpcaHandover.objects.filter(call=held).update(consent_given_at=timezone.now())
    result = purge_at(at("2028-01-20", 0), batch_size=10)["perpetrator_calls"]
    assert (result.deleted, result.blocked) == (4, 1)
    assert list(PerpetratorCall.objects.all()) == [held]
    assert verify_chain().ok


def test_closed_cases_and_the_audit_log_are_reported_never_deleted():
    case = CaseFactory(status=CaseStatus.CLOSED, closed_at=at("2019-01-02"), close_reason="Fin")
    assert due("closed_cases", at("2025-01-01", 23)).due == 0
    assert due("closed_cases", at("2025-01-02", 0)).due == 1
    before = AuditEntry.objects.count()
    result = purge_at(at("2026-12-01"))
    assert (result["closed_cases"].due, result["closed_cases"].purges) == (1, False)
    case.refresh_from_db()
    assert AuditEntry.objects.count() == before and result["audit_log"].purges is False


def test_each_batch_is_one_audit_entry_with_the_kind_the_rule_and_the_count():
    phone = stock(DeviceKind.ALARM_PHONE)
    for minute in range(5):
        fix(phone.device_id, at("2026-06-01") + timedelta(minutes=minute))
    before = AuditEntry.objects.count()
    purge_at(at("2026-07-01"), batch_size=2)
    entries = list(AuditEntry.objects.filter(seq__gt=before).order_by("seq"))
    assert [entry.reason.split(" (")[0] for entry in entries] == [
        "Purge tgd_positions: 2",
        "Purge tgd_positions: 2",
        "Purge tgd_positions: 1",
    ]
    assert all("Arrêté du 22 avril 2015" in entry.reason for entry in entries)
    assert {(entry.action, entry.object_type, entry.object_id) for entry in entries} == {
        ("delete", "monitoring.fix", "")
    }
    assert verify_chain().ok


def test_a_dry_run_lists_what_would_go_and_deletes_nothing():
    phone = stock(DeviceKind.ALARM_PHONE)
    fix(phone.device_id, at("2026-06-01"))
    before = AuditEntry.objects.count()
    with time_machine.travel(at("2026-07-01"), tick=False):
        report = {item.code: item for item in purge.report()}
    assert (report["tgd_positions"].due, report["tgd_positions"].oldest) == (1, at("2026-06-01"))
    assert Fix.objects.count() == 1 and AuditEntry.objects.count() == before


def test_the_nightly_job_purges_and_a_second_run_finds_nothing_more():
    phone = stock(DeviceKind.ALARM_PHONE)
    fix(phone.device_id, at("2026-06-01"))
    with time_machine.travel(at("2026-06-05", 3), tick=False):
        retention_purge.call_local()
        before = AuditEntry.objects.count()
        retention_purge.call_local()
    assert not Fix.objects.exists() and AuditEntry.objects.count() == before
