"""The monitoring centre sees pairings with what an alert needs; never the victim's address."""

import pytest
from django.urls import reverse

from egide.accounts.roles import Role
from egide.devices import perms
from tests.factories import MembershipFactory

from .helpers import active_pairing

pytestmark = pytest.mark.django_db
ADDRESS = "12 rue des Lilas"


@pytest.mark.parametrize("role", [Role.MONITORING_OPERATOR, Role.MONITORING_SUPERVISOR])
def test_the_monitoring_centre_sees_every_active_pairing(role):
    pairing = active_pairing()
    assert pairing in perms.visible_pairings(MembershipFactory(role=role))


def test_the_judge_of_another_court_does_not():
    pairing = active_pairing()
    assert pairing not in perms.visible_pairings(MembershipFactory(role=Role.JUDGE))
    judge = MembershipFactory(role=Role.JUDGE, agency=pairing.order.case.court)
    assert pairing in perms.visible_pairings(judge)


@pytest.mark.parametrize("role", [Role.CPCA_WORKER, Role.ANALYST, Role.PLATFORM_ADMIN])
def test_other_roles_see_no_device(role):
    active_pairing()
    member = MembershipFactory(role=role)
    assert not perms.visible_pairings(member).exists()
    assert not perms.visible_assignments(member).exists()
    assert not perms.can_see_inventory(member)


def test_the_monitoring_page_shows_zones_but_no_safe_contact_nor_address(sign_in_as):
    pairing = active_pairing()
    zone = pairing.zones.get()
    zone.is_victim_home, zone.label = True, ADDRESS
    zone.save()
    client = sign_in_as(role=Role.MONITORING_OPERATOR)
    page = client.get(reverse("devices:pairings")).content.decode()
    assert pairing.order.case.reference in page
    assert "Domicile de la victime" in page
    assert ADDRESS not in page
    assert "06 11 22 33 44" not in page  # only on an open incident
    safe_contact = pairing.order.case.safe_contact
    assert safe_contact.code_word and safe_contact.code_word not in page


def test_the_perpetrator_side_reaches_no_device_page(sign_in_as):
    pairing = active_pairing()
    client = sign_in_as(role=Role.CPCA_WORKER)
    for url in (
        reverse("devices:pairings"),
        reverse("devices:pairing", args=[pairing.pk]),
        reverse("justice:case", args=[pairing.order.case_id]),
        reverse("cases:detail", args=[pairing.order.case_id]),
    ):
        response = client.get(url)
        assert response.status_code in (403, 404)
        assert ADDRESS not in response.content.decode()
