"""Indicators of the perpetrators' care: CPCA enrolments and completed programmes."""

import csv
import io

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from egide.accounts.roles import Role
from egide.perpetrators import programmes
from egide.perpetrators.choices import EnrolmentStatus
from tests.factories import MembershipFactory, acting, agency_for_role
from tests.perpetrators.helpers import cpca_agency, cpca_member, enrolled, ordered, victim_case

from .attacks import every_attack, read

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst(sign_in_as):
    return sign_in_as(MembershipFactory(role=Role.ANALYST, agency=agency_for_role(Role.ANALYST)))


def figures(client, **query):
    response = client.get(reverse("stats:indicators"), {**query, "format": "json"})
    assert response.status_code == 200
    return {item["code"]: item for item in response.json()["indicateurs"]}


@time_machine.travel("2026-03-20 12:00 +0100", tick=False)
def test_enrolments_ordered_and_voluntary_and_completed_programmes_are_counted(analyst):
    programme, enrolment = enrolled(days_ago=8)
    enrolled(ordered(victim_case(), days_ago=12), days_ago=10)
    today = timezone.localdate()
    worker = cpca_member(cpca_agency("27"))
    programmes.enrol_volunteer(acting(worker), first_name="Karim", enrolled_on=today)
    programmes.end_enrolment(
        acting(programme.cpca),
        enrolment,
        status=EnrolmentStatus.COMPLETED,
        ended_on=today,
    )
    elsewhere = cpca_member(cpca_agency("14"))
    programmes.enrol_volunteer(
        acting(elsewhere), first_name="Marc", enrolled_on=timezone.localdate()
    )

    eure = figures(analyst, departement="27", annee=2026)
    assert eure["cpca-inscriptions"]["total"] == 3
    assert eure["cpca-parcours-acheves"]["total"] == 1
    assert figures(analyst, departement="14", annee=2026)["cpca-inscriptions"]["total"] == 1


@time_machine.travel("2026-03-20 12:00 +0100", tick=False)
def test_cpca_figures_are_published_under_secrecy_without_a_court_level(client):
    worker = cpca_member(cpca_agency("27"))
    for name in ("Karim", "Marc", "Luc"):
        programmes.enrol_volunteer(
            acting(worker), first_name=name, enrolled_on=timezone.localdate()
        )
    body = client.get(reverse("stats:open_data_csv"), {"annee": 2026}).content.decode()
    rows = [row for row in csv.reader(io.StringIO(body)) if row[0] == "cpca-inscriptions"]
    levels = {row[1] for row in rows}
    assert "tribunal" not in levels and "departement" in levels, "a CPCA has no court"
    eure = {row[5]: row[6] for row in rows if row[1] == "departement" and row[3] == "27"}
    assert eure["2026-03"] == "< 11" and eure["2026"] == "< 11"
    assert not every_attack(read(rows))
