"""A health professional's report to the procureur without consent (C. pén. 226-14 3°): the law's
conditions, the procureur's board, acknowledgement and escalation like a breach."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from egide.accounts.roles import Role
from egide.audit.models import AuditEntry
from egide.cases import evidence, sharing
from egide.cases.perms import can_view_case, visible_evidence
from egide.errors import RuleError
from egide.justice import board, health_reports, perms, reminders
from egide.justice.models import HealthReport
from tests.cases.factories import SupportCaseFactory
from tests.conftest import sign_in
from tests.factories import MembershipFactory, agency_for_role

from .helpers import acting

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")
NOON = datetime(2026, 3, 7, 12, 0, tzinfo=PARIS)


def doctor(departement="27"):
    return MembershipFactory(
        role=Role.HEALTH_PROFESSIONAL, agency=agency_for_role(Role.HEALTH_PROFESSIONAL, departement)
    )


def prosecutor_of(membership):
    return MembershipFactory(role=Role.PROSECUTOR, agency=membership.agency.jurisdiction)


def report(member, **overrides):
    values = {
        "victim": {"last_name": "Martin", "first_name": "Claire", "birth_date": None},
        "perpetrator": {"last_name": "Martin", "first_name": "Paul", "birth_date": None},
        "life_in_immediate_danger": True,
        "under_hold": True,
        "consent_attempt": "Deux entretiens ; elle craint ses représailles.",
        "consent_outcome": "refused",
        "victim_informed": True,
        "findings": "Strangulation il y a deux jours, menaces de mort répétées.",
    }
    return health_reports.report_to_procureur(acting(member), **{**values, **overrides})


@time_machine.travel(NOON, tick=False)
def test_the_report_opens_a_case_owned_by_the_hospital_and_reaches_the_procureur_board():
    member = doctor()
    created = report(member)
    assert created.case.opening_agency == member.agency
    assert created.court == member.agency.jurisdiction
    assert created.acknowledgement_due_at == NOON + timedelta(hours=1)
    prosecutor = prosecutor_of(member)
    kinds = [item.kind for item in board.board_items(prosecutor)]
    assert "health_report" in kinds
    assert can_view_case(prosecutor, created.case)


@pytest.mark.parametrize(
    "missing",
    [
        {"life_in_immediate_danger": False},
        {"under_hold": False},
        {"victim_informed": False},
        {"consent_attempt": "  "},
    ],
)
def test_a_report_without_a_legal_condition_is_refused_and_nothing_is_stored(missing):
    with pytest.raises(RuleError):
        report(doctor(), **missing)
    assert not HealthReport.objects.exists()


def test_only_a_health_professional_reports():
    officer = MembershipFactory(role=Role.POLICE_OFFICER)
    with pytest.raises(PermissionDenied):
        report(officer)


def test_acknowledged_once_by_the_procureur_of_the_court_only():
    member = doctor()
    created = report(member)
    other_court = MembershipFactory(role=Role.PROSECUTOR)
    with pytest.raises(PermissionDenied):
        health_reports.acknowledge(acting(other_court), created, outcome="investigation")
    prosecutor = prosecutor_of(member)
    health_reports.acknowledge(acting(prosecutor), created, outcome="investigation")
    assert created.acknowledged_by == prosecutor.user
    assert "health_report" not in [item.kind for item in board.board_items(prosecutor)]


def test_an_unacknowledged_report_escalates_with_the_breaches_job():
    with time_machine.travel(NOON, tick=False):
        created = report(doctor())
    result = reminders.tick(NOON + timedelta(hours=2))
    created.refresh_from_db()
    assert result["escalated_health_reports"] == 1
    assert created.is_escalated


def test_the_reporting_structure_reads_its_reports_and_no_one_else_outside_the_court():
    member = doctor()
    created = report(member)
    assert list(perms.visible_health_reports(member)) == [created]
    for role in (Role.POLICE_OFFICER, Role.JUDGE, Role.SOCIAL_REFERENT, Role.HELPLINE_LISTENER):
        outsider = MembershipFactory(role=role, agency=agency_for_role(role))
        assert not perms.visible_health_reports(outsider).exists()
    assert not perms.visible_health_reports(doctor()).exists()


def test_doctor_fills_the_form_and_the_procureur_acknowledges_on_the_page(client):
    member = doctor()
    sign_in(client, member)
    data = {
        "victim_last_name": "Durand",
        "victim_first_name": "Léa",
        "life_in_immediate_danger": "on",
        "under_hold": "on",
        "consent_attempt": "Proposé à chaque consultation",
        "consent_outcome": "impossible",
        "findings": "Fractures multiples",
    }
    response = client.post(reverse("justice:health_report_new"), data)
    assert response.status_code == 400
    assert "doit être informée" in response.content.decode()
    assert not HealthReport.objects.exists()
    response = client.post(reverse("justice:health_report_new"), {**data, "victim_informed": "on"})
    assert response.status_code == 302
    created = HealthReport.objects.get()
    sign_in(client, prosecutor_of(member))
    page = client.get(reverse("justice:health_reports")).content.decode()
    assert "Fractures multiples" in page
    url = reverse("justice:health_report_acknowledge", args=[created.pk])
    assert client.post(url, {"outcome": "protection"}).status_code == 302
    created.refresh_from_db()
    assert created.acknowledged_at is not None


def _kept_evidence(member, case):
    return evidence.record_evidence(
        acting(member),
        case,
        {
            "kind": "samples",
            "examined_on": NOON.date(),
            "description": "Prélèvements sous scellés",
            "storage_place": "UMJ, congélateur 2",
            "keep_until": NOON.date() + timedelta(days=90),
        },
    )


@time_machine.travel(NOON, tick=False)
def test_the_acknowledgement_seizes_the_procureur_and_discloses_the_evidence_kept(client):
    member = doctor()
    created = report(member)
    case = created.case
    # The report opens a case without a complaint: the hospital owns it and keeps the evidence.
    assert case.is_support_case and not case.complaint_filed
    _kept_evidence(member, case)
    prosecutor = prosecutor_of(member)
    officer = MembershipFactory(role=Role.POLICE_OFFICER)
    sharing.break_glass(acting(officer), case, "Appel au 17, danger immédiat")
    evidence_url = reverse("cases:evidence", args=[case.pk])
    sign_in(client, prosecutor)
    assert "congélateur" not in client.get(evidence_url).content.decode()
    for reader in (prosecutor, officer):
        assert not visible_evidence(reader, case).exists()
    health_reports.acknowledge(acting(prosecutor), created, outcome="investigation")
    case.refresh_from_db()
    assert case.prosecutor_seized_at == NOON
    assert case.timeline.filter(kind="prosecutor_seized").count() == 1
    entries = AuditEntry.objects.filter(object_type="cases.case", object_id=str(case.pk))
    assert any("prosecutor_seized_at" in entry.fields for entry in entries)
    for reader in (prosecutor, officer):
        assert visible_evidence(reader, case).count() == 1
    assert "congélateur" in client.get(evidence_url).content.decode()
    referent = MembershipFactory(role=Role.SOCIAL_REFERENT)
    assert not visible_evidence(referent, case).exists()


def test_a_support_case_without_a_court_takes_the_report_court_once_seized():
    member = doctor()
    case = SupportCaseFactory(opening_agency=member.agency)
    created = report(member, case=case)
    prosecutor = prosecutor_of(member)
    with time_machine.travel(NOON, tick=False):
        health_reports.acknowledge(acting(prosecutor), created, outcome="investigation")
    case.refresh_from_db()
    assert (case.court, case.prosecutor_seized_at) == (created.court, NOON)
    assert can_view_case(prosecutor, case)


def test_a_case_already_seized_keeps_its_first_date():
    member = doctor()
    created = report(member)
    case = created.case
    case.prosecutor_seized_at = NOON
    case.save(update_fields=["prosecutor_seized_at"])
    health_reports.acknowledge(acting(prosecutor_of(member)), created, outcome="investigation")
    case.refresh_from_db()
    assert case.prosecutor_seized_at == NOON
    assert not case.timeline.filter(kind="prosecutor_seized").exists()
