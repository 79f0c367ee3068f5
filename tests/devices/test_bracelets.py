"""BAR: ordered by the JAF within the law, paired, with zones, exemptions and revisions."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from egide.accounts.roles import Role
from egide.devices import services
from egide.devices.choices import DeviceStatus, Framework
from egide.errors import RuleError
from egide.justice.choices import MeasureKind
from egide.monitoring.configuration import engine_pairings
from tests.justice.helpers import acting, court_member

from .helpers import active_pairing, bracelet_pair, civil_bar

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def test_two_km_gives_a_four_km_pre_alert_and_the_place_ban_as_a_fixed_zone():
    pairing = active_pairing()
    assert (pairing.alert_m, pairing.prealert_m) == (2000, 4000)
    zone = pairing.zones.get()
    assert zone.measure.kind == MeasureKind.PLACE_BAN
    assert (zone.alert_m, zone.prealert_m) == (2000, 4000)
    assert pairing.perpetrator_device.status == DeviceStatus.ASSIGNED
    assert pairing.revisions.get().alert_km == 2


@pytest.mark.parametrize("alert_km", [0, 11])
def test_a_distance_outside_1_to_10_km_is_refused_and_nothing_is_created(alert_km):
    case, court, order, bar = civil_bar(alert_km=alert_km)
    with pytest.raises(RuleError) as refused:
        services.order_bracelet(court.judge, case, bar)
    assert "nombre entier" in refused.value.messages[0]
    assert not case.bracelet_orders.exists()


@pytest.mark.parametrize("consent", ["perpetrator_consent", "victim_consent"])
def test_a_civil_bar_needs_both_consents(consent):
    case, court, order, bar = civil_bar(**{consent: False})
    with pytest.raises(RuleError):
        services.order_bracelet(court.judge, case, bar)


def test_a_civil_bar_needs_a_contact_ban():
    case, court, order, bar = civil_bar()
    order.measures.filter(kind=MeasureKind.CONTACT_BAN).delete()
    with pytest.raises(RuleError):
        services.order_bracelet(court.judge, case, bar)


@time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=PARIS), tick=False)
def test_a_criminal_bar_lasts_six_months_without_consent():
    case, court, order, bar = civil_bar(
        framework=Framework.JUDICIAL_SUPERVISION,
        perpetrator_consent=False,
        protection_order=None,
        place_bans=(),
    )
    pairing = services.order_bracelet(court.judge, case, bar)
    assert pairing.valid_until == datetime(2026, 9, 2, 23, 59, 59, 999999, tzinfo=PARIS)


def test_only_the_jaf_of_the_court_orders_it():
    case, court, order, bar = civil_bar()
    with pytest.raises(PermissionDenied):
        services.order_bracelet(court.prosecutor, case, bar)


def test_no_bracelet_in_stock_is_a_clear_refusal():
    case, court, order, bar = civil_bar()
    services.order_bracelet(court.judge, case, bar)
    with pytest.raises(RuleError):
        services.order_bracelet(court.judge, case, bar)


def test_revising_distances_keeps_the_history():
    pairing = active_pairing()
    judge = _judge_of(pairing)
    services.revise_distances(judge, pairing, alert_km=3, reason="Alertes trop fréquentes")
    assert (pairing.alert_m, pairing.prealert_m) == (3000, 6000)
    assert pairing.zones.get().alert_m == 3000
    assert list(pairing.revisions.values_list("alert_km", flat=True)) == [3, 2]
    with pytest.raises(RuleError):
        services.revise_distances(judge, pairing, alert_km=12, reason="Trop")
    pairing.refresh_from_db()
    assert pairing.alert_m == 3000


def _judge_of(pairing):
    return acting(court_member(pairing.order.case, Role.JUDGE))


def test_exemption_windows_reach_the_engine_in_utc():
    pairing = active_pairing()
    zone = pairing.zones.get()
    start = datetime(2026, 3, 3, 7, 0, tzinfo=PARIS)
    services.add_exemption(_judge_of(pairing), zone, start=start, end=start + timedelta(hours=2))
    entry = engine_pairings()["pairings"][0]
    assert entry["zones"][0]["exemptions"] == [
        {"start": "2026-03-03T06:00:00Z", "end": "2026-03-03T08:00:00Z"}
    ]
    with pytest.raises(RuleError):
        services.add_exemption(_judge_of(pairing), zone, start=start, end=start)


def test_engine_pairings_have_the_shape_of_pairings_json():
    pairing = active_pairing()
    bracelet_pair()  # idle stock is not monitored
    data = engine_pairings()
    assert set(data) == {"pairings", "alarm_phones"}
    entry = data["pairings"][0]
    assert set(entry) == {
        "id", "perpetrator_device", "victim_device", "alert_m", "prealert_m",
        "valid_from", "valid_until", "zones",
    }  # fmt: skip
    assert entry["perpetrator_device"] == pairing.perpetrator_device.device_id
    assert entry["prealert_m"] == 2 * entry["alert_m"]
    zone = entry["zones"][0]
    assert set(zone) == {"id", "lat", "lon", "alert_m", "prealert_m", "exemptions"}
    assert zone["lat"] == pytest.approx(49.0241)


def test_a_pairing_out_of_its_window_is_not_monitored():
    pairing = active_pairing()
    before = pairing.valid_from - timedelta(minutes=1)
    assert engine_pairings(before)["pairings"] == []
    assert engine_pairings(timezone.now())["pairings"]


def test_the_judge_adds_a_place_ban_as_a_zone_from_the_pairing_page(sign_in_as):
    case, court, order, bar = civil_bar(place_bans=())
    pairing = services.order_bracelet(court.judge, case, bar)
    place_ban = order.measures.get(kind=MeasureKind.PLACE_BAN)
    client = sign_in_as(court_member(case, Role.JUDGE))
    page = client.get(reverse("devices:pairing", args=[pairing.pk])).content.decode()
    assert "Surveiller ce lieu" in page and "École Jean-Moulin" in page
    url = reverse("devices:zone_add", args=[pairing.pk])
    done = client.post(url, {"measure": place_ban.pk}, follow=True).content.decode()
    assert "Zone fixe ajoutée." in done and "Surveiller ce lieu" not in done
    again = client.post(url, {"measure": place_ban.pk}, follow=True).content.decode()
    assert "Choisissez un lieu interdit" in again
    assert pairing.zones.count() == 1
    clerk = sign_in_as(court_member(case, Role.CLERK))
    assert clerk.post(url, {"measure": place_ban.pk}).status_code == 403
