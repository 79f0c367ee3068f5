"""The CPCA's side: enrolling from an order or a volunteer, planning modules and sessions,
recording attendance once, ending the programme; what it owes the ordering authority."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from egide.accounts.roles import Role
from egide.errors import RuleError
from egide.helpline import services as helpline_services
from egide.perpetrators import programmes
from egide.perpetrators.choices import (
    Attendance,
    EnrolmentOrigin,
    EnrolmentStatus,
    ModuleKind,
    ReportKind,
)
from egide.perpetrators.models import Enrolment, ProgrammeReport, Session
from tests.factories import acting
from tests.helpline.helpers import listener

from .helpers import (
    cpca_agency,
    cpca_member,
    enrolled,
    ordered,
    past_session,
    session_at,
)

pytestmark = pytest.mark.django_db


def days(n):
    return datetime.timedelta(days=n)


def handover(cpca):
    call = helpline_services.record_perpetrator_call(
        acting(listener()),
        departement=cpca.departement,
        caller="perpetrator",
        violence_forms=[],
        orientation="cpca",
        handover={"cpca": cpca, "first_name": "Karim", "phone": "07 61 42 53 64"},
    )
    return call.handover


def test_the_cpca_enrols_an_ordered_person_and_the_core_module_is_planned(sign_in_as):
    programme = ordered()
    client = sign_in_as(programme.cpca)
    url = reverse("perpetrators:enrol_order", args=[programme.order.pk])
    assert "Tribunal" in client.get(url).content.decode()
    response = client.post(url, {"enrolled_on": timezone.localdate().isoformat(), "phone": ""})
    assert response.status_code == 302
    enrolment = Enrolment.objects.get()
    assert (enrolment.origin, enrolment.first_name, enrolment.last_name) == (
        EnrolmentOrigin.ORDERED,
        "Thierry",
        "Marchand",
    )
    assert [m.kind for m in enrolment.modules.all()] == [ModuleKind.CORE]
    home = client.get(reverse("perpetrators:programmes")).content.decode()
    assert reverse("perpetrators:enrol_order", args=[programme.order.pk]) not in home
    assert enrolment.get_absolute_url() in home
    with pytest.raises(RuleError, match="déjà inscrite"):
        programmes.enrol_ordered(
            acting(programme.cpca), programme.order, enrolled_on=timezone.localdate()
        )


def test_enrolment_cannot_precede_the_order():
    programme = ordered(days_ago=3)
    with pytest.raises(RuleError, match="précéder"):
        programmes.enrol_ordered(
            acting(programme.cpca), programme.order, enrolled_on=timezone.localdate() - days(5)
        )
    assert not Enrolment.objects.exists()


def test_a_ne_frappez_pas_caller_is_enrolled_as_a_volunteer_linked_to_his_handover(sign_in_as):
    cpca = cpca_member()
    given = handover(cpca.agency)
    client = sign_in_as(cpca)
    url = reverse("perpetrators:enrol_volunteer")
    assert "Karim" in client.get(url).content.decode()
    response = client.post(
        url, {"handover": given.pk, "enrolled_on": timezone.localdate().isoformat()}
    )
    assert response.status_code == 302
    enrolment = Enrolment.objects.get()
    assert enrolment.origin == EnrolmentOrigin.HELPLINE and enrolment.handover == given
    assert (enrolment.first_name, enrolment.phone) == ("Karim", "07 61 42 53 64")
    assert enrolment.order is None
    assert "Karim" not in client.get(url).content.decode()  # a hand-over is enrolled once


def test_a_self_referral_needs_only_a_first_name_and_another_cpcas_handover_is_refused(
    sign_in_as,
):
    cpca = cpca_member()
    client = sign_in_as(cpca)
    url = reverse("perpetrators:enrol_volunteer")
    today = timezone.localdate().isoformat()
    assert client.post(url, {"first_name": "", "enrolled_on": today}).status_code == 400
    assert client.post(url, {"first_name": "Paul", "enrolled_on": today}).status_code == 302
    assert Enrolment.objects.get().origin == EnrolmentOrigin.SELF_REFERRAL
    elsewhere = handover(cpca_agency("76"))
    assert client.post(url, {"handover": elsewhere.pk, "enrolled_on": today}).status_code == 400
    assert Enrolment.objects.count() == 1


def test_optional_modules_are_planned_and_a_module_with_sessions_stays(sign_in_as):
    programme, enrolment = enrolled()
    client = sign_in_as(programme.cpca)
    url = reverse("perpetrators:modules", args=[enrolment.pk])
    client.post(url, {"optional": [ModuleKind.PSYCHO_MEDICAL, ModuleKind.SOCIO_PROFESSIONAL]})
    kinds = set(enrolment.modules.values_list("kind", flat=True))
    assert kinds == {ModuleKind.CORE, ModuleKind.PSYCHO_MEDICAL, ModuleKind.SOCIO_PROFESSIONAL}
    session_at(programme, enrolment, timezone.now() + days(3), ModuleKind.PSYCHO_MEDICAL)
    response = client.post(url, {"optional": []})
    assert response.status_code == 400 and "déjà des séances" in response.content.decode()
    assert enrolment.modules.count() == 3


def test_a_session_is_planned_on_a_planned_module_after_the_enrolment(sign_in_as):
    programme, enrolment = enrolled(days_ago=2)
    client = sign_in_as(programme.cpca)
    url = reverse("perpetrators:plan_session", args=[enrolment.pk])
    when = timezone.localtime() + days(4)
    data = {"module": ModuleKind.CORE, "kind": "talk_group", "starts_at": f"{when:%Y-%m-%dT%H:%M}"}
    assert client.post(url, data).status_code == 302
    early = {**data, "starts_at": f"{when - days(10):%Y-%m-%dT%H:%M}"}
    assert client.post(url, early).status_code == 400
    other_module = {**data, "module": ModuleKind.SOCIO_PROFESSIONAL}
    assert client.post(url, other_module).status_code == 400
    assert Session.objects.count() == 1
    home = client.get(reverse("perpetrators:programmes")).content.decode()
    assert f"{when:%d/%m/%Y}" in home  # among the upcoming sessions


def test_an_unexcused_absence_owes_the_authority_a_report_within_the_rule(sign_in_as):
    programme, enrolment = enrolled()
    session = past_session(programme, enrolment, days_ago=2)
    client = sign_in_as(programme.cpca)
    client.post(reverse("perpetrators:attendance", args=[session.pk]), {"attendance": "unexcused"})
    report = ProgrammeReport.objects.get()
    assert report.kind == ReportKind.UNEXCUSED_ABSENCE and report.session == session
    assert timezone.localdate(report.due_by) == timezone.localdate(session.starts_at) + days(5)
    with pytest.raises(RuleError, match="déjà notée"):
        programmes.record_attendance(acting(programme.cpca), session, Attendance.PRESENT)
    session.refresh_from_db()
    assert session.attendance == Attendance.UNEXCUSED


def test_presence_is_not_recorded_before_the_session_and_an_excused_absence_owes_nothing():
    programme, enrolment = enrolled()
    ahead = session_at(programme, enrolment, timezone.now() + days(1))
    with pytest.raises(RuleError, match="commencée"):
        programmes.record_attendance(acting(programme.cpca), ahead, Attendance.PRESENT)
    excused = past_session(programme, enrolment)
    programmes.record_attendance(acting(programme.cpca), excused, Attendance.EXCUSED)
    assert not ProgrammeReport.objects.exists()


def test_a_volunteers_absence_is_reported_to_nobody():
    cpca = cpca_member()
    enrolment = programmes.enrol_volunteer(
        acting(cpca), first_name="Paul", enrolled_on=timezone.localdate() - days(5)
    )
    session = programmes.plan_session(
        acting(cpca),
        enrolment,
        module=ModuleKind.CORE,
        kind="talk_group",
        starts_at=timezone.now() - days(1),
    )
    programmes.record_attendance(acting(cpca), session, Attendance.UNEXCUSED)
    assert not ProgrammeReport.objects.exists()


def test_an_overdue_report_shows_first_on_the_cpca_home(sign_in_as):
    programme, enrolment = enrolled(days_ago=20)
    session = past_session(programme, enrolment, days_ago=10)
    programmes.record_attendance(acting(programme.cpca), session, Attendance.UNEXCUSED)
    client = sign_in_as(programme.cpca)
    home = client.get(reverse("web:home")).content.decode()
    assert "En retard : Absence non excusée — Thierry Marchand" in home
    page = client.get(reverse("perpetrators:programmes")).content.decode()
    assert "En retard" in page


def test_the_end_of_the_programme_owes_a_completion_report_and_cancels_what_is_ahead(sign_in_as):
    programme, enrolment = enrolled()
    attended = past_session(programme, enrolment)
    programmes.record_attendance(acting(programme.cpca), attended, Attendance.PRESENT)
    session_at(programme, enrolment, timezone.now() + days(3))
    client = sign_in_as(programme.cpca)
    url = reverse("perpetrators:end_enrolment", args=[enrolment.pk])
    today = timezone.localdate().isoformat()
    assert client.post(url, {"status": "completed", "ended_on": today}).status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED
    assert list(Session.objects.all()) == [attended]
    report = ProgrammeReport.objects.get()
    assert report.kind == ReportKind.COMPLETION
    assert timezone.localdate(report.due_by) == timezone.localdate() + days(15)
    url = reverse("perpetrators:plan_session", args=[enrolment.pk])
    when = f"{timezone.localtime() + days(2):%Y-%m-%dT%H:%M}"
    refused = client.post(url, {"module": "core", "kind": "talk_group", "starts_at": when})
    assert refused.status_code == 400 and "terminé" in refused.content.decode()


def test_the_end_report_is_due_from_the_day_the_programme_ended():
    programme, enrolment = enrolled(days_ago=30)
    programmes.end_enrolment(
        acting(programme.cpca),
        enrolment,
        status=EnrolmentStatus.INTERRUPTED,
        ended_on=timezone.localdate() - days(3),
    )
    report = ProgrammeReport.objects.get()
    assert report.kind == ReportKind.INTERRUPTION
    assert timezone.localdate(report.due_by) == timezone.localdate() + days(2)


def test_a_programme_does_not_end_with_a_past_session_unrecorded():
    programme, enrolment = enrolled()
    past_session(programme, enrolment)
    with pytest.raises(RuleError, match="séances passées"):
        programmes.end_enrolment(
            acting(programme.cpca),
            enrolment,
            status=EnrolmentStatus.INTERRUPTED,
            ended_on=timezone.localdate(),
        )
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ACTIVE


def test_another_departements_cpca_sees_nothing_of_this_one(sign_in_as):
    programme, enrolment = enrolled()
    session = past_session(programme, enrolment)
    programmes.record_attendance(acting(programme.cpca), session, Attendance.UNEXCUSED)
    other = cpca_member(cpca_agency("76"))
    client = sign_in_as(other)
    home = client.get(reverse("perpetrators:programmes")).content.decode()
    assert "Marchand" not in home
    assert "Marchand" not in client.get(reverse("web:home")).content.decode()
    for url in (
        reverse("perpetrators:enrolment", args=[enrolment.pk]),
        reverse("perpetrators:enrol_order", args=[programme.order.pk]),
        reverse("perpetrators:send_report", args=[session.report.pk]),
    ):
        assert client.get(url).status_code == 404
    refused = client.post(reverse("perpetrators:attendance", args=[session.pk]), {})
    assert refused.status_code == 404


def test_a_cpca_worker_of_the_same_cpca_sees_the_enrolment(sign_in_as):
    programme, enrolment = enrolled()
    colleague = cpca_member(programme.cpca.agency)
    page = sign_in_as(colleague).get(enrolment.get_absolute_url()).content.decode()
    assert "Thierry Marchand" in page and "Tribunal" in page
    assert colleague.role == Role.CPCA_WORKER
