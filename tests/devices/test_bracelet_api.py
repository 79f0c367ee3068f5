"""The bracelet API: renewal, fixed zones from place bans and exemptions, as on the pairing page."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from egide.accounts.roles import Role
from egide.devices import services
from egide.devices.models import BraceletOrder, Exemption
from egide.justice.choices import MeasureKind
from egide.justice.models import Measure
from tests.factories import MembershipFactory
from tests.justice.helpers import court_member

from .helpers import active_pairing, civil_bar, criminal_pairing

pytestmark = pytest.mark.django_db
API = "/api/v1/devices/pairings"
PARIS = ZoneInfo("Europe/Paris")
HOME = "12 rue des Lilas, Évreux"


def post(client, url, payload=None):
    return client.post(url, payload or {}, content_type="application/json")


def judge_client(sign_in_as, pairing):
    return sign_in_as(court_member(pairing.order.case, Role.JUDGE))


@time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=PARIS), tick=False)
def test_the_judge_renews_a_criminal_bar_until_two_years(sign_in_as):
    pairing = criminal_pairing()
    client = judge_client(sign_in_as, pairing)
    renewed = post(client, f"{API}/{pairing.pk}/renewal")
    assert renewed.status_code == 200
    body = renewed.json()
    assert (body["renewals"], body["renewable"]) == (1, True)
    assert datetime.fromisoformat(body["ends_at"]).astimezone(PARIS).date().isoformat() == (
        "2027-03-02"
    )
    # As if ordered 18 months ago and renewed three times: in its last period.
    BraceletOrder.objects.filter(pk=pairing.order_id).update(
        ordered_at=datetime(2024, 8, 20, 10, 0, tzinfo=PARIS),
        ends_at=datetime(2026, 8, 20, 23, 59, tzinfo=PARIS),
        renewals=3,
    )
    refused = post(client, f"{API}/{pairing.pk}/renewal")
    assert refused.status_code == 422 and "24 mois" in refused.json()["detail"]
    assert BraceletOrder.objects.get(pk=pairing.order_id).renewals == 3


def test_a_civil_bar_is_not_renewed_by_the_api(sign_in_as):
    pairing = active_pairing()
    assert post(judge_client(sign_in_as, pairing), f"{API}/{pairing.pk}/renewal").status_code == 422


@pytest.mark.parametrize(
    ("role", "status"),
    [(Role.PROSECUTOR, 403), (Role.CLERK, 403), (Role.MONITORING_OPERATOR, 403)],
)
def test_only_the_judge_decides_on_a_pairing(sign_in_as, role, status):
    pairing = criminal_pairing()
    zone = pairing.zones.get()
    membership = (
        MembershipFactory(role=role)
        if role == Role.MONITORING_OPERATOR
        else court_member(pairing.order.case, role)
    )
    client = sign_in_as(membership)
    window = {"zone_id": zone.pk, "start": "2026-03-03T07:00", "end": "2026-03-03T09:00"}
    assert post(client, f"{API}/{pairing.pk}/renewal").status_code == status
    assert post(client, f"{API}/{pairing.pk}/exemptions", window).status_code == status
    assert post(client, f"{API}/{pairing.pk}/zones", {"measure_id": 1}).status_code == status
    assert BraceletOrder.objects.get(pk=pairing.order_id).renewals == 0
    assert not Exemption.objects.exists()


def test_a_judge_of_another_court_does_not_find_the_pairing(sign_in_as):
    pairing = criminal_pairing()
    client = sign_in_as(MembershipFactory(role=Role.JUDGE))
    assert post(client, f"{API}/{pairing.pk}/renewal").status_code == 404
    zone = {
        "zone_id": pairing.zones.get().pk,
        "start": "2026-03-03T07:00",
        "end": "2026-03-03T09:00",
    }
    assert post(client, f"{API}/{pairing.pk}/exemptions", zone).status_code == 404


def pairing_without_zone():
    case, court, order, bar = civil_bar(place_bans=())
    return services.order_bracelet(court.judge, case, bar), order


def test_the_judge_adds_a_place_ban_as_a_zone_once(sign_in_as):
    pairing, order = pairing_without_zone()
    place_ban = order.measures.get(kind=MeasureKind.PLACE_BAN)
    client = judge_client(sign_in_as, pairing)
    added = post(client, f"{API}/{pairing.pk}/zones", {"measure_id": place_ban.pk})
    assert added.status_code == 201
    assert [(z["alert_m"], z["prealert_m"]) for z in added.json()["zones"]] == [(2000, 4000)]
    again = post(client, f"{API}/{pairing.pk}/zones", {"measure_id": place_ban.pk})
    assert again.status_code == 422 and "déjà surveillé" in again.json()["detail"]
    assert pairing.zones.count() == 1


def test_the_victims_home_becomes_a_zone_without_its_address(sign_in_as):
    pairing, order = pairing_without_zone()
    home = Measure.objects.create(
        protection_order=order,
        kind=MeasureKind.PLACE_BAN,
        place_label=HOME,
        is_victim_home=True,
        latitude=49.02,
        longitude=1.15,
    )
    added = post(
        judge_client(sign_in_as, pairing), f"{API}/{pairing.pk}/zones", {"measure_id": home.pk}
    )
    assert added.status_code == 201
    assert HOME not in added.content.decode()
    assert "Domicile de la victime" in added.content.decode()


def test_a_measure_of_another_case_or_another_kind_is_refused(sign_in_as):
    pairing, order = pairing_without_zone()
    other_pairing, other_order = pairing_without_zone()
    contact_ban = order.measures.get(kind=MeasureKind.CONTACT_BAN)
    foreign = other_order.measures.get(kind=MeasureKind.PLACE_BAN)
    client = judge_client(sign_in_as, pairing)
    for measure_id in (contact_ban.pk, foreign.pk, 999999):
        refused = post(client, f"{API}/{pairing.pk}/zones", {"measure_id": measure_id})
        assert refused.status_code == 422
    assert post(client, f"{API}/{pairing.pk}/zones", {"measure_id": "x"}).status_code == 422
    assert not pairing.zones.exists()


def test_the_judge_adds_an_exemption_in_local_time(sign_in_as):
    pairing = active_pairing()
    zone = pairing.zones.get()
    window = {"zone_id": zone.pk, "start": "2026-03-03T07:00", "end": "2026-03-03T09:00",
              "label": "Trajet vers le tribunal"}  # fmt: skip
    created = post(judge_client(sign_in_as, pairing), f"{API}/{pairing.pk}/exemptions", window)
    assert created.status_code == 201
    exemption = zone.exemptions.get()
    assert exemption.start == datetime(2026, 3, 3, 7, 0, tzinfo=PARIS)
    assert created.json()["zone_id"] == zone.pk


@pytest.mark.parametrize(
    "change",
    [
        {"end": "2026-03-03T07:00"},
        {"end": "2026-03-03T06:00"},
        {"start": "demain"},
        {"label": "x" * 201},
        {"zone_id": None},
    ],
)
def test_bad_exemptions_are_refused_and_nothing_is_added(sign_in_as, change):
    pairing = active_pairing()
    window = {"zone_id": pairing.zones.get().pk, "start": "2026-03-03T07:00",
              "end": "2026-03-03T09:00", **change}  # fmt: skip
    response = post(judge_client(sign_in_as, pairing), f"{API}/{pairing.pk}/exemptions", window)
    assert response.status_code == 422
    assert not Exemption.objects.exists()


def test_a_zone_of_another_pairing_is_refused(sign_in_as):
    pairing, other = active_pairing(), active_pairing()
    window = {"zone_id": other.zones.get().pk, "start": "2026-03-03T07:00",
              "end": "2026-03-03T09:00"}  # fmt: skip
    response = post(judge_client(sign_in_as, pairing), f"{API}/{pairing.pk}/exemptions", window)
    assert response.status_code == 422 and "n'appartient pas" in response.json()["detail"]
    assert not Exemption.objects.exists()
