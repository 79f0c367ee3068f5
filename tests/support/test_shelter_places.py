"""Places are counted live; acceptance never overbooks; staff see minimal identity only."""

import pytest
from django.urls import reverse

from egide.accounts.roles import Role
from egide.support.choices import AllocationStatus
from egide.support.models import ShelterAllocation
from egide.support.perms import with_availability
from egide.support.services import free_places
from tests.cases.factories import CaseFactory, renamed
from tests.factories import MembershipFactory

from .factories import allocation, shelter, shelter_manager

pytestmark = pytest.mark.django_db


def act(client, allocation, action, **data):
    url = reverse("support:allocation_action", args=[allocation.pk, action])
    return client.post(url, data)


def test_request_accept_arrive_depart_updates_the_count(sign_in_as):
    manager = shelter_manager()
    home = shelter(operator=manager.agency, capacity=3)
    request = allocation(home, adults=1, children=1)
    client = sign_in_as(manager)
    assert free_places(home) == 3
    act(client, request, "accepter")
    assert free_places(home) == 1
    act(client, request, "arrivee")
    request.refresh_from_db()
    assert request.status == AllocationStatus.ARRIVED and request.arrived_at
    assert with_availability(type(home).objects.filter(pk=home.pk)).get().free == 1
    act(client, request, "depart")
    assert free_places(home) == 3


def test_acceptance_never_overbooks(sign_in_as):
    manager = shelter_manager()
    home = shelter(operator=manager.agency, capacity=2)
    first, second = allocation(home, children=1), allocation(home, children=0)
    client = sign_in_as(manager)
    act(client, first, "accepter")
    act(client, second, "accepter")
    second.refresh_from_db()
    assert second.status == AllocationStatus.REQUESTED


def test_refusal_needs_a_reason(sign_in_as):
    manager = shelter_manager()
    request = allocation(shelter(operator=manager.agency))
    client = sign_in_as(manager)
    act(client, request, "refuser", cause="", detail="Pas de place adaptée")
    request.refresh_from_db()
    assert request.status == AllocationStatus.REQUESTED
    act(client, request, "refuser", cause="other", detail="")
    request.refresh_from_db()
    assert request.status == AllocationStatus.REQUESTED, "another cause is said in words"
    act(client, request, "refuser", cause="no_place", detail="Complet jusqu'en mars")
    request.refresh_from_db()
    assert request.status == AllocationStatus.DECLINED
    assert request.decline_cause == "no_place"
    assert request.decline_reason == "Complet jusqu'en mars"


def test_the_shelter_manager_chooses_the_cause_of_a_refusal(sign_in_as):
    manager = shelter_manager()
    allocation(shelter(operator=manager.agency))
    html = sign_in_as(manager).get(reverse("support:shelters")).content.decode()
    assert 'name="cause"' in html and "Manque de place" in html and 'name="detail"' in html


def test_staff_view_shows_minimal_identity_never_the_address(sign_in_as):
    manager = shelter_manager()
    case = CaseFactory(hidden=True)
    # A name the factories never draw: "Marie", a surname they draw, is in "Marie D.".
    renamed(case.victim, "Zorglubien")
    allocation(shelter(operator=manager.agency), case=case, guest_label="Marie D.")
    html = sign_in_as(manager).get(reverse("support:shelters")).content.decode()
    assert "Marie D." in html
    victim = case.victim
    for secret in (victim.last_name, "rue des Lilas", "Maître Dupuis", case.reference):
        assert secret not in html


def test_officer_asks_for_places_with_the_guest_label(sign_in_as):
    officer = MembershipFactory(role=Role.POLICE_OFFICER)
    case = CaseFactory(opening_agency=officer.agency)
    home = shelter(capacity=5)
    url = reverse("support:places_request", args=[case.pk])
    response = sign_in_as(officer).post(url, {"shelter": home.pk, "adults": 1, "children": 2})
    assert response.status_code == 302
    made = ShelterAllocation.objects.get()
    victim = case.victim
    assert made.guest_label == f"{victim.first_name} {victim.last_name[0]}."
    assert (made.adults, made.children) == (1, 2)


def test_a_shelter_without_children_refuses_a_family(sign_in_as):
    officer = MembershipFactory(role=Role.POLICE_OFFICER)
    case = CaseFactory(opening_agency=officer.agency)
    home = shelter(accepts_children=False)
    url = reverse("support:places_request", args=[case.pk])
    sign_in_as(officer).post(url, {"shelter": home.pk, "adults": 1, "children": 1})
    assert not ShelterAllocation.objects.exists()


def test_another_operator_sees_nothing(sign_in_as):
    request = allocation(shelter())
    html = sign_in_as(shelter_manager()).get(reverse("support:shelters")).content.decode()
    assert request.guest_label not in html


def test_occupancy_and_waiting_time_are_shown(sign_in_as):
    import datetime

    from django.utils import timezone

    manager = shelter_manager()
    home = shelter(operator=manager.agency, capacity=4)
    asked = timezone.now() - datetime.timedelta(hours=6)
    allocation(
        home,
        adults=1,
        children=1,
        status=AllocationStatus.ARRIVED,
        requested_at=asked,
        decided_at=asked + datetime.timedelta(hours=3),
    )
    html = sign_in_as(manager).get(reverse("support:shelters")).content.decode()
    assert "50 %" in html
    assert "3,0 h" in html or "3.0 h" in html


def test_capacity_is_edited_by_its_manager_never_below_the_places_held(sign_in_as):
    manager = shelter_manager()
    home = shelter(operator=manager.agency, capacity=4)
    allocation(home, adults=1, children=2, status=AllocationStatus.ACCEPTED)
    client = sign_in_as(manager)
    url = reverse("support:shelter_capacity", args=[home.pk])
    client.post(url, {"capacity": "2"})
    home.refresh_from_db()
    assert home.capacity == 4
    page = client.post(url, {"capacity": "6"}, follow=True).content.decode()
    home.refresh_from_db()
    assert home.capacity == 6
    assert "Le nombre de places est mis à jour." in page
    other = shelter_manager()
    assert sign_in_as(other).post(url, {"capacity": "9"}).status_code == 404


def test_the_request_carries_what_the_shelter_needs_and_not_the_address(sign_in_as):
    manager = shelter_manager()
    home = shelter(operator=manager.agency, capacity=4)
    officer = MembershipFactory(role=Role.POLICE_OFFICER)
    case = CaseFactory(opening_agency=officer.agency)
    url = reverse("support:places_request", args=[case.pk])
    data = {
        "shelter": home.pk,
        "adults": "1",
        "children": "2",
        "children_ages": "3, 7",
        "safe_contact": "06 11 22 33 44 (après 18 h)",
        "arrival": "Jeudi 18 h",
        "special_needs": "Fauteuil roulant",
    }
    assert sign_in_as(officer).post(url, {**data, "children_ages": "3"}).status_code == 200
    assert not ShelterAllocation.objects.exists()
    sign_in_as(officer).post(url, data)
    request = ShelterAllocation.objects.get()
    assert (request.children_ages, request.special_needs) == ("3, 7", "Fauteuil roulant")
    html = sign_in_as(manager).get(reverse("support:shelters")).content.decode()
    assert "âges : 3, 7" in html and "Fauteuil roulant" in html and "Jeudi 18 h" in html
    assert "rue des Lilas" not in html
