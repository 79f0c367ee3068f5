"""Occupancy and departures: the operator records arrivals and departures; the ordering court
sees who is housed where, since when, and why he left."""

from html import unescape

import pytest
from django.urls import reverse

from egide.accounts.roles import Role
from egide.eviction.choices import DepartureReason, RequestStatus
from tests.justice.helpers import court_member

from .factories import housing_operator, housing_request, place

pytestmark = pytest.mark.django_db


def act(client, pending, action, data=None):
    url = reverse("eviction:request_action", args=[pending.pk, action])
    return client.post(url, data or {}, follow=True)


@pytest.fixture
def housed(sign_in_as):
    pending = housing_request()
    operator = housing_operator(agency=pending.operator)
    studio = place(operator, label="Studio des Halles")
    client = sign_in_as(operator)
    act(client, pending, "proposer", {"place": studio.pk})
    act(client, pending, "confirmer")
    act(client, pending, "arrivee")
    pending.refresh_from_db()
    return pending, operator, studio


def test_the_operator_sees_its_occupancy(sign_in_as, housed):
    pending, operator, studio = housed
    assert pending.status == RequestStatus.HOUSED and pending.arrived_at
    page = sign_in_as(operator).get(reverse("eviction:places"))
    assert page.context["places"].get(pk=studio.pk).free == 0
    assert pending.perpetrator.last_name in unescape(page.content.decode())


@pytest.mark.parametrize("role", [Role.PROSECUTOR, Role.JUDGE])
def test_the_court_sees_where_he_is_housed_and_since_when(sign_in_as, housed, role):
    pending, _operator, studio = housed
    client = sign_in_as(court_member(pending.case, role))
    for url in (
        reverse("eviction:case_requests", args=[pending.case_id]),
        reverse("eviction:court_requests"),
    ):
        page = unescape(client.get(url).content.decode())
        assert studio.label in page and studio.address in page
        assert pending.arrived_at.strftime("%d/%m/%Y") in page
        assert "Hébergé" in page


def test_a_departure_is_recorded_with_its_reason_and_the_court_sees_it(sign_in_as, housed):
    pending, operator, studio = housed
    client = sign_in_as(operator)
    refused = act(client, pending, "depart", {"reason": ""})
    assert "Indiquez le motif du départ." in unescape(refused.content.decode())
    pending.refresh_from_db()
    assert pending.status == RequestStatus.HOUSED

    act(client, pending, "depart", {"reason": DepartureReason.END_OF_MEASURE})
    pending.refresh_from_db()
    assert pending.status == RequestStatus.DEPARTED
    places = client.get(reverse("eviction:places"))
    assert places.context["places"].get(pk=studio.pk).free == 1

    court = sign_in_as(court_member(pending.case, Role.PROSECUTOR))
    page = unescape(court.get(reverse("eviction:court_requests")).content.decode())
    assert "Fin de la mesure" in page


def test_capacity_cannot_drop_below_the_places_held(sign_in_as, housed):
    _pending, operator, studio = housed
    client = sign_in_as(operator)
    page = client.post(
        reverse("eviction:place_update", args=[studio.pk]),
        {"capacity": 0, "available": "on"},
        follow=True,
    )
    assert "la capacité ne peut pas être moindre" in unescape(page.content.decode())
    studio.refresh_from_db()
    assert studio.capacity == 1


def test_the_operator_adds_a_place_located_from_its_address(sign_in_as):
    operator = housing_operator()
    client = sign_in_as(operator)
    client.post(
        reverse("eviction:place_add"),
        {"label": "T1 du Canon", "address": "12 rue du Canon, 27130 Verneuil d'Avre et d'Iton",
         "capacity": 2},
    )  # fmt: skip
    added = operator.agency.eviction_places.get()
    assert added.commune == "Verneuil d'Avre et d'Iton"
    assert abs(float(added.latitude) - 48.7394) < 0.01


def test_an_address_that_cannot_be_located_is_refused(sign_in_as):
    operator = housing_operator()
    response = sign_in_as(operator).post(
        reverse("eviction:place_add"),
        {"label": "Nulle part", "address": "Atlantide", "capacity": 1},
    )
    assert response.status_code == 400
    assert "Adresse introuvable" in unescape(response.content.decode())
    assert not operator.agency.eviction_places.exists()
