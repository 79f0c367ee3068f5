"""The health professionals' instrument: immediate-danger criteria and signs of
the hold (226-14 3° guidance, 2020), offered to them and run by them on their structure's cases
with the same engine, overrides and re-assessment deadlines; not offered to the police."""

import pytest
from django.urls import reverse

from egide.accounts.roles import AgencyKind, Role
from egide.assessment.choices import Trigger
from egide.assessment.instruments import current_instrument, instruments_for
from egide.assessment.levels import DangerLevel
from tests.cases.factories import SupportCaseFactory
from tests.factories import AgencyFactory, MembershipFactory

from .helpers import record, sheet

pytestmark = pytest.mark.django_db
HEALTH = "fr-health-immediate-danger"


def health():
    return current_instrument(HEALTH)


@pytest.fixture
def doctor():
    hospital = AgencyFactory(kind=AgencyKind.HOSPITAL)
    return MembershipFactory(role=Role.HEALTH_PROFESSIONAL, agency=hospital)


def test_the_instrument_holds_both_lists_with_its_source_and_flags_the_unverified_part():
    instrument = health()
    sections = {section.id: len(section.items) for section in instrument.sections}
    assert sections == {"immediate_danger": 15, "hold": 5}
    assert "226-14" in instrument.sources[0]["title"]
    assert instrument.verification["hold_items_5"] == "unverified"
    assert all(item.verification == "unverified" for item in instrument.sections[1].items)


@pytest.mark.parametrize(
    ("yes", "level"),
    [
        ((), DangerLevel.STANDARD),
        (("fear",), DangerLevel.MEDIUM),
        (("fear", "separation", "substances"), DangerLevel.HIGH),
        (("firearms",), DangerLevel.HIGH),
        (("devaluation", "control", "isolation"), DangerLevel.STANDARD),
    ],
)
def test_the_same_engine_scores_it(doctor, yes, level):
    case = SupportCaseFactory(opening_agency=doctor.agency)
    assessment = record(doctor, case, health(), answers=sheet(health(), yes=yes))
    assert assessment.computed_level == level
    assert case.reassessment_tasks.open().get().trigger == Trigger.LEVEL_DEADLINE


def test_it_is_offered_to_health_professionals_first_and_never_to_the_police():
    assert instruments_for(Role.HEALTH_PROFESSIONAL)[0].id == HEALTH
    assert HEALTH not in {i.id for i in instruments_for(Role.POLICE_OFFICER)}


def test_a_doctor_assesses_a_case_of_the_hospital_and_the_police_cannot_use_the_list(
    sign_in_as, client, doctor
):
    case = SupportCaseFactory(opening_agency=doctor.agency)
    sign_in_as(doctor)
    page = client.get(reverse("assessment:case", args=[case.pk])).content.decode()
    assert "Critères de danger immédiat" in page
    answers = {f"item_{item.id}": "no" for item in health().items} | {"item_firearms": "yes"}
    response = client.post(reverse("assessment:run", args=[case.pk, HEALTH]), answers)
    assert response.status_code == 302
    assert case.assessments.get().computed_level == DangerLevel.HIGH
    officer = MembershipFactory(role=Role.POLICE_OFFICER)
    police_case = SupportCaseFactory(
        opening_agency=officer.agency, opened_as="complaint", complaint_filed=True
    )
    sign_in_as(officer)
    assert client.get(reverse("assessment:run", args=[police_case.pk, HEALTH])).status_code == 404
