"""From a case, the structures nearest the victim's commune; orienting writes the timeline."""

import pytest
from django.urls import reverse

from egide.accounts.roles import Role
from egide.cases.models import TimelineEntry
from egide.directory.models import Orientation
from tests.cases.factories import CaseFactory
from tests.factories import MembershipFactory

from .helpers import structure

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_case():
    officer = MembershipFactory(role=Role.POLICE_OFFICER)
    return officer, CaseFactory(opening_agency=officer.agency)


def url(case):
    return reverse("directory:case_orientation", kwargs={"pk": case.pk})


def test_nearest_to_the_victims_commune(sign_in_as, officer_case):
    officer, case = officer_case
    structure("CIDFF de l'Eure", 49.0241, 1.1508)
    structure("Far away", 43.3, 5.38, postcode="13001", commune="Marseille")
    html = sign_in_as(officer).get(url(case)).content.decode()
    assert "CIDFF de l&#x27;Eure" in html
    assert "Far away" not in html
    assert "rue des Lilas" not in html  # the commune only, never the address


def test_hidden_address_is_not_used(sign_in_as):
    member = MembershipFactory(role=Role.ISCG_SOCIAL_WORKER)
    case = CaseFactory(hidden=True)
    from tests.cases.sharing_helpers import referral_for

    referral_for(case, agency=member.agency, scope="support_plan")
    response = sign_in_as(member).get(url(case))
    assert response.status_code == 200
    assert response.context["place"] is None
    assert "Évreux" not in response.content.decode().split("<main", 1)[1]


def test_orienting_records_the_referral(sign_in_as, officer_case):
    officer, case = officer_case
    cidff = structure("CIDFF de l'Eure", 49.0241, 1.1508)
    response = sign_in_as(officer).post(url(case), {"structure": cidff.pk})
    assert response.status_code == 302
    orientation = Orientation.objects.get()
    assert (orientation.structure, orientation.commune) == (cidff, "Évreux")
    entry = TimelineEntry.objects.get(case=case, kind="directory.orientation")
    assert "CIDFF" in entry.summary


def test_someone_without_the_case_is_refused(sign_in_as, officer_case):
    _officer, case = officer_case
    response = sign_in_as(role=Role.SOCIAL_REFERENT).get(url(case))
    assert response.status_code == 404
