"""The devices API: the monitoring centre reads pairings; the JAF orders a BAR within the law."""

import pytest

from egide.accounts.roles import Role
from tests.factories import MembershipFactory
from tests.justice.helpers import court_member

from .helpers import active_pairing, civil_bar

pytestmark = pytest.mark.django_db
API = "/api/v1/devices"


def test_the_monitoring_centre_lists_pairings_without_address(sign_in_as):
    pairing = active_pairing()
    client = sign_in_as(role=Role.MONITORING_OPERATOR)
    body = client.get(f"{API}/pairings").content.decode()
    assert pairing.order.case.reference in body and "12 rue des Lilas" not in body


def test_other_roles_cannot_list_pairings(sign_in_as):
    active_pairing()
    client = sign_in_as(role=Role.CPCA_WORKER)
    assert client.get(f"{API}/pairings").status_code == 403


def test_the_judge_orders_a_bar_and_an_eleven_km_alert_is_refused(sign_in_as):
    case, court, order, bar = civil_bar()
    client = sign_in_as(court.judge.membership)
    payload = {
        "framework": "civil",
        "alert_km": 11,
        "perpetrator_consent": True,
        "victim_consent": True,
        "place_ban_ids": [m.pk for m in bar.place_bans],
    }
    url = f"{API}/cases/{case.pk}/bracelets"
    assert client.post(url, payload, content_type="application/json").status_code == 422
    payload["alert_km"] = 2
    created = client.post(url, payload, content_type="application/json")
    assert created.status_code == 201
    assert (created.json()["alert_m"], created.json()["prealert_m"]) == (2000, 4000)
    assert len(created.json()["zones"]) == 1


def test_a_prosecutor_of_another_court_cannot_grant_a_phone(sign_in_as):
    case, court, order, bar = civil_bar()
    client = sign_in_as(MembershipFactory(role=Role.PROSECUTOR))
    payload = {"phone_id": 1, "no_cohabitation": True, "express_consent": True,
               "geolocation_consent": True}  # fmt: skip
    assert (
        client.post(
            f"{API}/cases/{case.pk}/alarm-phones", payload, content_type="application/json"
        ).status_code
        == 404
    )
    assert court_member(case, Role.PROSECUTOR)
