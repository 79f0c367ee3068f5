"""The wall: a CPCA reads the person's identity, the order, the ordering authority and its own
records — never the victim's name, address, contacts, hidden address (élection de domicile),
nor the case's narrative. Every page, form error, worklist and API answer it can reach is
searched for them."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from egide.perpetrators import programmes
from egide.perpetrators.choices import Attendance
from tests.factories import acting

from .helpers import VICTIM_SECRETS, enrolled, past_session, session_at

pytestmark = pytest.mark.django_db
API = "/api/v1/perpetrators"


def leaks(text: str) -> list[str]:
    return [secret for secret in VICTIM_SECRETS if secret.lower() in text.lower()]


@pytest.fixture
def programme_with_everything():
    """An enrolment with modules, past and future sessions, a report sent and one owed, and a
    second order waiting; all about the hidden-address case of helpers.victim_case."""
    programme, enrolment = enrolled(days_ago=20)
    cpca = acting(programme.cpca)
    absent = past_session(programme, enrolment, days_ago=10)
    programmes.record_attendance(cpca, absent, Attendance.UNEXCUSED)
    programmes.send_report(cpca, absent.report, note="Absent")
    owed = past_session(programme, enrolment, days_ago=3)
    programmes.record_attendance(cpca, owed, Attendance.UNEXCUSED)
    session_at(programme, enrolment, timezone.now() + datetime.timedelta(days=2))
    return programme, enrolment, owed.report


def cpca_pages(programme, enrolment, report):
    return [
        reverse("web:home"),
        reverse("perpetrators:programmes"),
        reverse("perpetrators:enrol_volunteer"),
        reverse("perpetrators:enrol_order", args=[programme.order.pk]),
        reverse("perpetrators:enrolment", args=[enrolment.pk]),
        reverse("perpetrators:modules", args=[enrolment.pk]),
        reverse("perpetrators:plan_session", args=[enrolment.pk]),
        reverse("perpetrators:end_enrolment", args=[enrolment.pk]),
        reverse("perpetrators:send_report", args=[report.pk]),
    ]


def test_no_cpca_page_shows_anything_of_the_victim(sign_in_as, programme_with_everything):
    programme, enrolment, report = programme_with_everything
    client = sign_in_as(programme.cpca)
    for url in cpca_pages(programme, enrolment, report):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not leaks(response.content.decode()), url
    enrolment_page = client.get(enrolment.get_absolute_url()).content.decode()
    assert "Thierry Marchand" in enrolment_page  # the person's identity
    assert "41-1 2°" in enrolment_page  # the order's basis
    assert programme.case.court.name in enrolment_page  # the ordering authority


def test_no_refusal_or_form_error_shows_anything_of_the_victim(
    sign_in_as, programme_with_everything
):
    programme, enrolment, report = programme_with_everything
    client = sign_in_as(programme.cpca)
    bad_posts = {
        reverse("perpetrators:enrol_order", args=[programme.order.pk]): {"enrolled_on": "x"},
        reverse("perpetrators:enrol_volunteer"): {"first_name": ""},
        reverse("perpetrators:plan_session", args=[enrolment.pk]): {"module": "socio"},
        reverse("perpetrators:end_enrolment", args=[enrolment.pk]): {"status": "?"},
        reverse("perpetrators:modules", args=[enrolment.pk]): {"optional": ["?"]},
    }
    for url, data in bad_posts.items():
        response = client.post(url, data)
        assert response.status_code == 400, url
        assert not leaks(response.content.decode()), url
    already = client.post(
        reverse("perpetrators:enrol_order", args=[programme.order.pk]),
        {"enrolled_on": timezone.localdate().isoformat()},
    )
    assert already.status_code == 400 and not leaks(already.content.decode())
    session = report.session
    followed = client.post(
        reverse("perpetrators:attendance", args=[session.pk]),
        {"attendance": "present"},
        follow=True,
    )
    assert "déjà notée" in followed.content.decode() and not leaks(followed.content.decode())


def test_the_cpca_cannot_open_the_case_file(sign_in_as, programme_with_everything):
    programme, _enrolment, _report = programme_with_everything
    client = sign_in_as(programme.cpca)
    assert client.get(programme.case.get_absolute_url()).status_code in (403, 404)
    assert client.get(reverse("cases:print", args=[programme.case.pk])).status_code in (403, 404)
    answer = client.get(f"/api/v1/cases/{programme.case.pk}")
    assert answer.status_code in (403, 404) and not leaks(answer.content.decode())


def test_no_api_answer_to_the_cpca_shows_anything_of_the_victim(
    sign_in_as, programme_with_everything
):
    programme, enrolment, report = programme_with_everything
    client = sign_in_as(programme.cpca)
    for url in ("/orders", "/enrolments", f"/enrolments/{enrolment.pk}", "/reports"):
        response = client.get(f"{API}{url}")
        assert response.status_code == 200, url
        assert not leaks(response.content.decode()), url
    detail = client.get(f"{API}/enrolments/{enrolment.pk}").json()
    assert detail["last_name"] == "Marchand" and len(detail["sessions"]) == 3
    refused = client.post(
        f"{API}/sessions/{report.session.pk}/attendance",
        json.dumps({"attendance": "present"}),
        content_type="application/json",
    )
    assert refused.status_code == 422 and not leaks(refused.content.decode())
