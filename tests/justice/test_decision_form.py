"""The JAF's decision form — places from an address or "her home" (never shown),
the élection de domicile as the 6° / 6° bis choice, measures in the article's order, reasons,
and no decision chosen in advance."""

import html
import io
import json

import pytest
from django.urls import reverse

from egide import geocoding
from egide.justice.choices import MeasureKind, OrderStatus
from tests.cases.factories import CaseFactory

from .helpers import order_heard

pytestmark = pytest.mark.django_db
VICTIM_ADDRESS = "12 rue des Lilas, Évreux"  # the factory's


def page_of(response) -> str:
    return html.unescape(response.content.decode()).replace("\xa0", " ")


@pytest.fixture
def heard(sign_in_as):
    case, court, order = order_heard(CaseFactory())
    client = sign_in_as(court.judge.membership)
    return case, order, client, reverse("justice:order_decide", args=[order.pk])


def test_the_form_offers_no_decision_and_the_measures_in_legal_order(heard):
    case, order, client, url = heard
    page = page_of(client.get(url))
    decision = page[
        page.index('name="decision"') : page.index("</select>", page.index('name="decision"'))
    ]
    assert "selected" in decision.split("<option", 2)[1]  # "Choisir", the first, is selected
    assert 'value=""' in decision.split("<option", 2)[1]
    order_on_page = [page.index(f'name="{name}"') for name in (
        "contact_ban", "place_ban", "weapons_ban", "weapons_surrender", "care_proposal",
        "separate_residence", "home_to_victim", "parental_authority", "hidden_address",
        "legal_aid",
    )]  # fmt: skip
    assert order_on_page == sorted(order_on_page)
    assert "Latitude" not in page and 'name="reasons"' in page
    assert "6° bis Chez une personne morale qualifiée" in page
    assert VICTIM_ADDRESS not in page


def test_nothing_is_decided_without_a_choice_or_reasons(heard):
    case, order, client, url = heard
    response = client.post(url, {"contact_ban": "on", "contact_persons": "La victime"})
    assert response.status_code == 400
    order.refresh_from_db()
    assert order.status == OrderStatus.HEARING_SET and not order.measures.exists()


def test_her_home_and_a_school_by_address_with_a_6_bis_domicile(heard):
    case, order, client, url = heard
    data = {
        "decision": "granted",
        "place_ban": "on",
        "place_is_victim_home": "on",
        "hidden_address": "legal_person",
        "contact_ban": "on",
        "contact_persons": "La victime et ses enfants",
        "reasons": "Violences vraisemblables et danger grave établis à l'audience.",
    }
    assert client.post(url, data).status_code == 302
    order.refresh_from_db()
    kinds = list(order.measures.values_list("kind", flat=True))
    assert kinds == [MeasureKind.CONTACT_BAN, MeasureKind.PLACE_BAN, MeasureKind.HIDDEN_ADDRESS_BIS]
    home = order.measures.get(kind=MeasureKind.PLACE_BAN)
    expected = geocoding.geocode(VICTIM_ADDRESS)
    assert home.is_victim_home and home.place_label == "Domicile de la victime"
    assert (float(home.latitude), float(home.longitude)) == (expected.latitude, expected.longitude)
    assert order.reasons.startswith("Violences vraisemblables")
    page = page_of(client.get(order.get_absolute_url()))
    assert "6° bis Chez une personne morale qualifiée" in page
    assert "Violences vraisemblables et danger grave" in page
    assert VICTIM_ADDRESS not in page and "rue des Lilas" not in page


def test_a_place_by_address_is_geocoded_and_an_unknown_address_refused(heard):
    case, order, client, url = heard
    data = {
        "decision": "granted",
        "place_ban": "on",
        "place_label": "École des enfants",
        "place_address": "nulle part",
        "reasons": "Danger",
    }
    refused = client.post(url, data)
    assert refused.status_code == 400 and "Adresse introuvable" in page_of(refused)
    assert not order.measures.exists()
    data["place_address"] = "4 rue Jean-Moulin, 27000 Évreux"
    assert client.post(url, data).status_code == 302
    place = order.measures.get()
    assert place.place_label == "École des enfants, 4 rue Jean-Moulin, 27000 Évreux"
    assert abs(float(place.latitude) - 49.0241) < 0.01  # near Évreux


def test_online_the_ban_url_from_the_settings_is_asked(settings, monkeypatch):
    settings.GEOCODER_OFFLINE = False
    settings.GEOCODER_URL = "https://adresse.example.test/search/"
    asked = []
    answer = {
        "features": [
            {
                "geometry": {"coordinates": [1.1508, 49.0241]},
                "properties": {"label": "8 Rue de la Harpe 27000 Évreux", "type": "housenumber",
                               "score": 0.93},
            }
        ]
    }  # fmt: skip

    def fake_urlopen(url, timeout):
        asked.append(url)
        return io.BytesIO(json.dumps(answer).encode())

    monkeypatch.setattr(geocoding, "urlopen", fake_urlopen)
    found = geocoding.geocode("8 rue de la Harpe, Évreux")
    assert asked[0].startswith("https://adresse.example.test/search/?q=8+rue+de+la+Harpe")
    assert found == geocoding.Position("8 Rue de la Harpe 27000 Évreux", 49.0241, 1.1508)


def test_offline_nothing_reaches_the_network(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the tests must not reach the internet")

    monkeypatch.setattr(geocoding, "urlopen", no_network)
    assert geocoding.geocode("4 rue Jean-Moulin, 27000 Évreux") is not None
    assert geocoding.geocode("Évreux") is None  # a town is no forbidden place
