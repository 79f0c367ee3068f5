"""The reports reach the ordering authority: the procureur (or judge) who ordered reads them on
"Rapports CPCA" and on their home, and acknowledges them; nobody else reads them."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from egide.accounts.roles import AgencyKind, Role
from egide.perpetrators import programmes
from egide.perpetrators.choices import Attendance, LegalBasis
from tests.factories import AgencyFactory, MembershipFactory, acting

from .helpers import (
    Programme,
    court_member,
    cpca_agency,
    cpca_member,
    enrolled,
    ordered,
    past_session,
    victim_case,
)

pytestmark = pytest.mark.django_db


def absence_sent(role=Role.PROSECUTOR, basis=LegalBasis.ALTERNATIVE_COURSE):
    programme, enrolment = enrolled(ordered(role=role, basis=basis, days_ago=12))
    session = past_session(programme, enrolment)
    programmes.record_attendance(acting(programme.cpca), session, Attendance.UNEXCUSED)
    report = programmes.send_report(
        acting(programme.cpca), session.report, note="Absent au groupe de parole du mardi."
    )
    return programme, report


def test_the_procureur_reads_the_report_on_the_home_and_the_list_and_acknowledges_it(sign_in_as):
    programme, report = absence_sent()
    assert programme.case.timeline.filter(kind="programme_report").exists()
    client = sign_in_as(programme.prosecutor)
    home = client.get(reverse("web:home")).content.decode()
    assert "Rapports CPCA à lire" in home
    assert f"Absence non excusée — dossier {programme.case.reference}" in home
    page = client.get(reverse("perpetrators:reports")).content.decode()
    assert "Absent au groupe de parole du mardi." in page and "Marchand Thierry" in page
    client.post(reverse("perpetrators:acknowledge_report", args=[report.pk]))
    report.refresh_from_db()
    assert report.acknowledged_by == programme.prosecutor.user
    home = client.get(reverse("web:home")).content.decode()
    assert f"dossier {programme.case.reference}" not in home
    cpca_page = sign_in_as(programme.cpca).get(report.enrolment.get_absolute_url())
    assert "Lu" in cpca_page.content.decode()


def test_a_report_not_yet_sent_reaches_nobody_and_is_sent_once(sign_in_as):
    programme, enrolment = enrolled()
    session = past_session(programme, enrolment)
    programmes.record_attendance(acting(programme.cpca), session, Attendance.UNEXCUSED)
    client = sign_in_as(programme.prosecutor)
    assert "Absence non excusée" not in client.get(reverse("perpetrators:reports")).content.decode()
    cpca = sign_in_as(programme.cpca)
    url = reverse("perpetrators:send_report", args=[session.report.pk])
    assert cpca.post(url, {"note": "Sans nouvelles"}).status_code == 302
    again = cpca.post(url, {"note": "Encore"})
    assert again.status_code == 400 and "déjà été transmis" in again.content.decode()
    session.report.refresh_from_db()
    assert session.report.note == "Sans nouvelles"


def test_the_judge_reads_the_judges_reports_not_the_parquets_and_another_court_none(sign_in_as):
    programme, report = absence_sent(Role.JUDGE, LegalBasis.PROBATION)
    parquet = sign_in_as(court_member(programme.case, Role.PROSECUTOR))
    assert "Absent au groupe" not in parquet.get(reverse("perpetrators:reports")).content.decode()
    judge = sign_in_as(programme.prosecutor)  # the judge who ordered
    assert "Absent au groupe" in judge.get(reverse("perpetrators:reports")).content.decode()
    elsewhere = victim_case("76")
    other_court = sign_in_as(court_member(elsewhere, Role.JUDGE))
    assert (
        "Absent au groupe" not in other_court.get(reverse("perpetrators:reports")).content.decode()
    )
    refused = other_court.post(reverse("perpetrators:acknowledge_report", args=[report.pk]))
    assert refused.status_code == 404
    report.refresh_from_db()
    assert report.acknowledged_at is None


def test_only_the_cpca_sends_and_only_the_authority_acknowledges():
    programme, enrolment = enrolled()
    session = past_session(programme, enrolment)
    programmes.record_attendance(acting(programme.cpca), session, Attendance.UNEXCUSED)
    greffe = MembershipFactory(role=Role.CLERK, agency=programme.case.court)
    with pytest.raises(PermissionDenied):
        programmes.send_report(acting(programme.prosecutor), session.report)
    with pytest.raises(PermissionDenied):
        programmes.acknowledge_report(acting(greffe), session.report)
    with pytest.raises(PermissionDenied):  # not sent yet: the authority cannot read it
        programmes.acknowledge_report(acting(programme.prosecutor), session.report)


def test_the_spip_reads_the_reports_of_the_orders_it_gave(sign_in_as):
    case = victim_case()
    spip = MembershipFactory(
        role=Role.PROBATION_OFFICER,
        agency=AgencyFactory(kind=AgencyKind.PROBATION, departement="27", court=case.court),
    )
    cpca = cpca_member(cpca_agency())
    order = programmes.order_programme(
        acting(spip),
        person=case.perpetrator,
        case=case,
        cpca=cpca.agency,
        ordering_agency=spip.agency,
        basis=LegalBasis.PROBATION,
        ordered_on=timezone.localdate() - timedelta(days=10),
    )
    programme = Programme(case, spip, cpca, order)
    _, enrolment = enrolled(programme)
    session = past_session(programme, enrolment)
    programmes.record_attendance(acting(cpca), session, Attendance.UNEXCUSED)
    programmes.send_report(acting(cpca), session.report, note="Absent au stage.")
    client = sign_in_as(spip)
    assert "Rapports CPCA à lire" in client.get(reverse("web:home")).content.decode()
    assert "Absent au stage." in client.get(reverse("perpetrators:reports")).content.decode()
    parquet = sign_in_as(court_member(case))
    assert "Absent au stage." not in parquet.get(reverse("perpetrators:reports")).content.decode()
